<#
.SYNOPSIS
  Build the Windows onedir bundle packaging\dist\srek-desk\ and smoke-test it (see BUILD.md).

.DESCRIPTION
  Runs on Windows 10/11 x64 with Python 3.11 (x64) from python.org. PyInstaller does not
  cross-compile: a Windows bundle can only be built on Windows.

  Steps: create .venv if missing, install ".[build]" (the app + PyInstaller), run PyInstaller
  on packaging\srek-desk.spec, print size and build time, run packaging\smoke_test.py.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 -Python C:\Python311\python.exe -SkipSmokeTest
#>
param(
  # Python to build with; default .venv\Scripts\python.exe (created with "py -3.11" if missing)
  [string]$Python = "",
  # Only build, do not start the bundle afterwards
  [switch]$SkipSmokeTest
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Invoke-Checked {
  param([string]$What, [scriptblock]$Command)
  Write-Host "+ $What"
  & $Command
  if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

$Repo = Split-Path -Parent $PSScriptRoot
Set-Location $Repo

if (-not $Python) {
  $Python = Join-Path $Repo ".venv\Scripts\python.exe"
  if (-not (Test-Path $Python)) {
    Invoke-Checked "py -3.11 -m venv .venv" { py -3.11 -m venv .venv }
  }
}

& $Python -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('PyInstaller') else 1)"
if ($LASTEXITCODE -ne 0) {
  Invoke-Checked "pip install -e .[build]" { & $Python -m pip install -e ".[build]" }
}

$Dist = Join-Path $Repo "packaging\dist"
$Work = Join-Path $Repo "packaging\build"
$Bundle = Join-Path $Dist "srek-desk"

$Clock = [Diagnostics.Stopwatch]::StartNew()
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Checked "pyinstaller packaging\srek-desk.spec" {
  & $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath $Dist --workpath $Work packaging\srek-desk.spec
}
$Clock.Stop()

foreach ($exe in @("srek-desk.exe", "srek-desk-gui.exe")) {
  if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "$exe is missing in $Bundle" }
}
$Files = @(Get-ChildItem -Path $Bundle -Recurse -File)
$Bytes = ($Files | Measure-Object -Property Length -Sum).Sum
Write-Host ("bundle: {0}" -f $Bundle)
Write-Host ("size:   {0:N0} MB, {1} files" -f ($Bytes / 1MB), $Files.Count)
Write-Host ("build:  {0:N0} s" -f $Clock.Elapsed.TotalSeconds)

if (-not $SkipSmokeTest) {
  Invoke-Checked "smoke test" { & $Python packaging\smoke_test.py $Bundle }
}
