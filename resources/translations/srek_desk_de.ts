<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AdminPage</name>
    <message>
        <source>That did not work. Details are in the log file.</source>
        <translation>Das hat nicht geklappt. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Administration areas</source>
        <translation>Bereiche der Verwaltung</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>Pro&amp;tokoll</translation>
    </message>
    <message>
        <source>&amp;Retention periods</source>
        <translation>Lösch&amp;fristen</translation>
    </message>
    <message>
        <source>&amp;Backups</source>
        <translation>&amp;Sicherung</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
</context>
<context>
    <name>ApplicationsAction</name>
    <message>
        <source>Save proof of applications as PDF</source>
        <translation>Bewerbungsnachweis als PDF speichern</translation>
    </message>
    <message>
        <source>Proof of &amp;applications</source>
        <translation>Be&amp;werbungsnachweis</translation>
    </message>
    <message>
        <source>Applications made from proposals, with status: the proof a Jobcenter asks for</source>
        <translation>Bewerbungen aus Vermittlungsvorschlägen mit ihrem Stand – der Nachweis fürs Jobcenter</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>The proof of applications could not be made. Details are in the log.</source>
        <translation>Der Bewerbungsnachweis konnte nicht erstellt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Proof of applications</source>
        <translation>Bewerbungsnachweis</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Filter by action</source>
        <translation>Nach Aktion filtern</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>Filter by login name</source>
        <translation>Nach Benutzername filtern</translation>
    </message>
    <message>
        <source>Filter by area</source>
        <translation>Nach Bereich filtern</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle Bereiche</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Datum von</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>B&amp;is:</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Datum bis</translation>
    </message>
    <message>
        <source>Pseudonym of a client</source>
        <translation>Pseudonym einer Klientin oder eines Klienten</translation>
    </message>
    <message>
        <source>Pseudonym, e.g. 3f9a0c12b7d4</source>
        <translation>Pseudonym, z. B. 3f9a0c12b7d4</translation>
    </message>
    <message>
        <source>&amp;Show all</source>
        <translation>Alle &amp;zeigen</translation>
    </message>
    <message>
        <source>E&amp;xport as CSV…</source>
        <translation>Als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Login &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>Be&amp;reich:</translation>
    </message>
    <message>
        <source>All login names</source>
        <translation>Alle Benutzernamen</translation>
    </message>
    <message>
        <source>Entries shown: %1</source>
        <translation>Angezeigte Einträge: %1</translation>
    </message>
    <message>
        <source>Exported to the file %1.</source>
        <translation>In die Datei %1 exportiert.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Pseudonym:</source>
        <translation>Ps&amp;eudonym:</translation>
    </message>
    <message>
        <source>deleted (pseudonym %1)</source>
        <translation>gelöscht (Pseudonym %1)</translation>
    </message>
    <message>
        <source>Pseudonym: %1</source>
        <translation>Pseudonym: %1</translation>
    </message>
    <message>
        <source>Audit log unchanged: every entry is as the program wrote it.</source>
        <translation>Protokoll unverändert: Jeder Eintrag ist so, wie das Programm ihn geschrieben hat.</translation>
    </message>
    <message>
        <source>The audit log was changed outside the program (from entry %1 on). Please tell the data protection officer.</source>
        <translation>Protokoll wurde außerhalb des Programms verändert (ab Eintrag %1). Bitte die oder den Datenschutzbeauftragten informieren.</translation>
    </message>
    <message>
        <source>The newest %1 entries are shown; narrow the filter to see older ones.</source>
        <translation>Angezeigt werden die neuesten %1 Einträge. Für ältere bitte den Filter enger fassen.</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Protokoll exportieren</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>damaged database, set aside</source>
        <translation>beschädigte Datenbank, beiseitegelegt</translation>
    </message>
    <message>
        <source>before an update</source>
        <translation>vor einem Update</translation>
    </message>
    <message>
        <source>This database runs on a database server. Backing it up, and restoring it, is the job of the IT department on the server.</source>
        <translation>Diese Datenbank läuft auf einem Datenbankserver. Sie zu sichern und wiederherzustellen ist Aufgabe der IT auf dem Server.</translation>
    </message>
    <message>
        <source>Backup folder: %1</source>
        <translation>Ordner der Sicherungen: %1</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>SREK Desk backs the database up by itself when it starts for the first time on a day, and keeps the newest backups. A copy on another drive protects against a broken disk.</source>
        <translation>SREK Desk sichert die Datenbank selbst beim ersten Start eines Tages und bewahrt die neuesten Sicherungen auf. Eine Kopie auf einem anderen Laufwerk schützt vor einer defekten Festplatte.</translation>
    </message>
    <message>
        <source>Newest backup: %1 (%2)</source>
        <translation>Neueste Sicherung: %1 (%2)</translation>
    </message>
    <message>
        <source>Backing up …</source>
        <translation>Sicherung läuft …</translation>
    </message>
    <message>
        <source>Backup written: %1 (%2).</source>
        <translation>Sicherung geschrieben: %1 (%2).</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Sicherung auswählen</translation>
    </message>
    <message>
        <source>SREK Desk backups (*.sqlite3);;All files (*)</source>
        <translation>SREK-Desk-Sicherungen (*.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the database with the backup %1?

The current state is kept aside as a backup first, so it is not lost. SREK Desk then closes the database, restores the backup and starts again.</source>
        <translation>Die Datenbank durch die Sicherung %1 ersetzen?

Der jetzige Stand wird vorher als Sicherung beiseitegelegt und geht nicht verloren. SREK Desk schließt dann die Datenbank, stellt die Sicherung wieder her und startet neu.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Your password was reset. Please choose a new one now.</source>
        <translation>Ihr Passwort wurde zurückgesetzt. Bitte wählen Sie jetzt ein neues.</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Bisheriges Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>Back from the laptop</source>
        <translation>Rückgabe vom Laptop</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Changed in</source>
        <translation>Geändert im/auf</translation>
    </message>
    <message>
        <source>Both versions</source>
        <translation>Beide Fassungen</translation>
    </message>
    <message>
        <source>Keep &amp;office version</source>
        <translation>&amp;Büro-Stand behalten</translation>
    </message>
    <message>
        <source>Take &amp;laptop version</source>
        <translation>&amp;Laptop-Stand übernehmen</translation>
    </message>
    <message>
        <source>&amp;Apply decisions</source>
        <translation>Entscheidungen &amp;übernehmen</translation>
    </message>
    <message>
        <source>Decide &amp;later</source>
        <translation>&amp;Später entscheiden</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Changed on the laptop and taken over: {0}</source>
        <translation>Auf dem Laptop geändert und übernommen: {0}</translation>
    </message>
    <message>
        <source>New on the laptop, added: {0}</source>
        <translation>Neu auf dem Laptop, hinzugefügt: {0}</translation>
    </message>
    <message>
        <source>{0} may already exist in the office ({1}); please check.</source>
        <translation>{0} gibt es im Büro vielleicht schon ({1}); bitte prüfen.</translation>
    </message>
    <message>
        <source>Changed only in the office (nothing to do): {0}</source>
        <translation>Nur im Büro geändert (nichts zu tun): {0}</translation>
    </message>
    <message>
        <source>Not taken over: {0} ({1})</source>
        <translation>Nicht übernommen: {0} ({1})</translation>
    </message>
    <message>
        <source>Added in the office: {0} notes, {1} follow-ups, {2} proposals, {3} printed sheets.</source>
        <translation>Im Büro ergänzt: {0} Notizen, {1} Wiedervorlagen, {2} Vorschläge, {3} Chancenblätter.</translation>
    </message>
    <message>
        <source>These clients were changed in the office and on the laptop. Nothing of theirs has been written yet: choose for each whose details to keep. Notes, follow-ups and proposals from both sides are kept either way.</source>
        <translation>Diese Klient:innen wurden im Büro und auf dem Laptop geändert. Von ihnen wurde noch nichts übernommen: Bitte für jede Person wählen, welche Angaben gelten. Notizen, Wiedervorlagen und Vorschläge beider Seiten bleiben in jedem Fall erhalten.</translation>
    </message>
    <message>
        <source>No conflicts: everything from the laptop is in the office now.</source>
        <translation>Keine Konflikte: Alles vom Laptop ist jetzt im Büro.</translation>
    </message>
    <message>
        <source>Keep office version</source>
        <translation>Büro-Stand behalten</translation>
    </message>
    <message>
        <source>Take laptop version</source>
        <translation>Laptop-Stand übernehmen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>Vocational qualification</source>
        <translation>Berufsabschluss</translation>
    </message>
    <message>
        <source>Driving licences</source>
        <translation>Führerscheine</translation>
    </message>
    <message>
        <source>Has a car</source>
        <translation>Auto vorhanden</translation>
    </message>
    <message>
        <source>Means of transport</source>
        <translation>Verkehrsmittel</translation>
    </message>
    <message>
        <source>Longest commute (minutes)</source>
        <translation>Längster Arbeitsweg (Minuten)</translation>
    </message>
    <message>
        <source>Would relocate</source>
        <translation>Umzug denkbar</translation>
    </message>
    <message>
        <source>Working time</source>
        <translation>Arbeitszeit</translation>
    </message>
    <message>
        <source>Earliest start</source>
        <translation>Frühester Beginn</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Date of consent</source>
        <translation>Datum der Einwilligung</translation>
    </message>
    <message>
        <source>Fixed term acceptable</source>
        <translation>Befristung möglich</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Shared with the team</source>
        <translation>Für das Team freigegeben</translation>
    </message>
    <message>
        <source>Processing restricted</source>
        <translation>Verarbeitung eingeschränkt</translation>
    </message>
    <message>
        <source>Restricted since</source>
        <translation>Eingeschränkt seit</translation>
    </message>
    <message>
        <source>Anonymised on</source>
        <translation>Anonymisiert am</translation>
    </message>
    <message>
        <source>Counsellor</source>
        <translation>Berater:in</translation>
    </message>
    <message>
        <source>Occupation wishes</source>
        <translation>Berufswünsche</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Skills and certificates</source>
        <translation>Kenntnisse und Zertifikate</translation>
    </message>
    <message>
        <source>Offer preferences</source>
        <translation>Wünsche an Angebote</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
</context>
<context>
    <name>ClientChances</name>
    <message numerus="yes">
        <source>%n new chance(s) since %1</source>
        <translation>
            <numerusform>%n neue Chance seit %1</numerusform>
            <numerusform>%n neue Chancen seit %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save short sheet as PDF</source>
        <translation>Kurzblatt als PDF speichern</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Passung</translation>
    </message>
    <message>
        <source>Apply by</source>
        <translation>Bewerben bis</translation>
    </message>
    <message>
        <source>New chances</source>
        <translation>Neue Chancen</translation>
    </message>
    <message>
        <source>P&amp;rint short sheet…</source>
        <translation>Kurzblatt dr&amp;ucken…</translation>
    </message>
    <message>
        <source>Save as PD&amp;F…</source>
        <translation>Als PD&amp;F speichern…</translation>
    </message>
    <message>
        <source>Save the short sheet as a PDF file.</source>
        <translation>Das Kurzblatt als PDF-Datei speichern.</translation>
    </message>
    <message>
        <source>&amp;Seen</source>
        <translation>Ge&amp;sehen</translation>
    </message>
    <message>
        <source>The client knows these chances; remove them.</source>
        <translation>Die Person kennt diese Chancen jetzt; sie werden aus der Liste genommen.</translation>
    </message>
    <message>
        <source>Record &amp;contact</source>
        <translation>&amp;Kontakt erfassen</translation>
    </message>
    <message>
        <source>The client was in contact today.</source>
        <translation>Die Person hatte heute Kontakt mit uns.</translation>
    </message>
    <message>
        <source>No new chances since the last contact.</source>
        <translation>Keine neuen Chancen seit dem letzten Kontakt.</translation>
    </message>
    <message>
        <source>Matching is still being prepared. Please try again in a moment.</source>
        <translation>Der Abgleich wird noch vorbereitet. Bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The short sheet could not be made. Details are in the log file.</source>
        <translation>Das Kurzblatt konnte nicht erstellt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>ClientDetailPane</name>
    <message>
        <source>Client details</source>
        <translation>Details der Klientin / des Klienten</translation>
    </message>
    <message>
        <source>Select a client in the table.</source>
        <translation>Bitte links in der Tabelle eine Person auswählen.</translation>
    </message>
    <message>
        <source>own car</source>
        <translation>eigenes Auto</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>noch keiner erfasst</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>Vocational qualification</source>
        <translation>Berufsabschluss</translation>
    </message>
    <message>
        <source>Target occupations</source>
        <translation>Zielberufe</translation>
    </message>
    <message>
        <source>Skills and certificates</source>
        <translation>Kenntnisse und Zertifikate</translation>
    </message>
    <message>
        <source>Offer preferences</source>
        <translation>Wünsche an Angebote</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Driving licences</source>
        <translation>Führerscheine</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>Mobilität</translation>
    </message>
    <message>
        <source>max. %1 min one way</source>
        <translation>max. %1 Min. pro Weg</translation>
    </message>
    <message>
        <source>Willing to relocate</source>
        <translation>bereit umzuziehen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Working time</source>
        <translation>Arbeitszeit</translation>
    </message>
    <message>
        <source>Available from</source>
        <translation>Verfügbar ab</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>given on %1</source>
        <translation>erteilt am %1</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht erteilt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Processing restricted since %1: kept, but not used for matching, sheets or statistics.</source>
        <translation>Verarbeitung eingeschränkt seit %1: Die Daten bleiben gespeichert, werden aber nicht für Abgleich, Chancenbögen oder Statistik verwendet.</translation>
    </message>
    <message>
        <source>Shared with the team</source>
        <translation>Für das Team freigegeben</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Proposals and outcomes</source>
        <translation>Vorschläge und Ergebnisse</translation>
    </message>
    <message>
        <source>across the state border</source>
        <translation>über die Landesgrenze</translation>
    </message>
    <message>
        <source>Counselling notes</source>
        <translation>Beratungsnotizen</translation>
    </message>
</context>
<context>
    <name>ClientEditor</name>
    <message>
        <source>New client</source>
        <translation>Neue Klient:in</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Klient:in: %1</translation>
    </message>
    <message>
        <source>&amp;Notes and follow-ups</source>
        <translation>No&amp;tizen und Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historie</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Saved. The new note or follow-up is not added yet.</source>
        <translation>Gespeichert. Die neue Notiz oder Wiedervorlage ist noch nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>Bitte die markierten Angaben korrigieren.</translation>
    </message>
    <message>
        <source>Not saved yet: your input is still here.</source>
        <translation>Noch nicht gespeichert: Ihre Eingaben sind noch da.</translation>
    </message>
    <message>
        <source>The version saved meanwhile is shown.</source>
        <translation>Die inzwischen gespeicherte Fassung wird angezeigt.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to this client?</source>
        <translation>Die Änderungen an dieser Person speichern?</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>&amp;Person</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <source>&amp;Qualifications and wishes</source>
        <translation>&amp;Qualifikation und Wünsche</translation>
    </message>
    <message>
        <source>&amp;Mobility and availability</source>
        <translation>&amp;Mobilität und Verfügbarkeit</translation>
    </message>
    <message>
        <source>C&amp;ustomer number:</source>
        <translation>&amp;Kundennummer:</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>&amp;Born:</source>
        <translation>&amp;Geboren:</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>St&amp;raße:</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>P&amp;ostcode:</source>
        <translation>Post&amp;leitzahl:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Tele&amp;fon:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-M&amp;ail:</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>Consent to storing the data given on</source>
        <translation>Einwilligung in die Speicherung erteilt am</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Einwilligung erteilt</translation>
    </message>
    <message>
        <source>Date of consent</source>
        <translation>Datum der Einwilligung</translation>
    </message>
    <message>
        <source>&amp;Consent:</source>
        <translation>&amp;Einwilligung:</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>(not stated)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <source>&amp;School qualification:</source>
        <translation>&amp;Schulabschluss:</translation>
    </message>
    <message>
        <source>Vocational qualification</source>
        <translation>Berufsabschluss</translation>
    </message>
    <message>
        <source>&amp;Vocational qualification:</source>
        <translation>&amp;Berufsabschluss:</translation>
    </message>
    <message>
        <source>&amp;Occupational wishes:</source>
        <translation>Berufs&amp;wünsche:</translation>
    </message>
    <message>
        <source>&amp;Languages:</source>
        <translation>Spra&amp;chen:</translation>
    </message>
    <message>
        <source>Skills and certificates</source>
        <translation>Kenntnisse und Zertifikate</translation>
    </message>
    <message>
        <source>S&amp;kills and certificates:</source>
        <translation>&amp;Kenntnisse und Zertifikate:</translation>
    </message>
    <message>
        <source>Driving licence class %1</source>
        <translation>Führerscheinklasse %1</translation>
    </message>
    <message>
        <source>Driving &amp;licences:</source>
        <translation>&amp;Führerscheine:</translation>
    </message>
    <message>
        <source>Has a car</source>
        <translation>Auto vorhanden</translation>
    </message>
    <message>
        <source>C&amp;ar:</source>
        <translation>&amp;Auto:</translation>
    </message>
    <message>
        <source>Mo&amp;des of transport:</source>
        <translation>&amp;Verkehrsmittel:</translation>
    </message>
    <message>
        <source>Maximum commute in minutes</source>
        <translation>Längster Arbeitsweg in Minuten</translation>
    </message>
    <message>
        <source>Ma&amp;x. commute one way:</source>
        <translation>Längster &amp;Weg (einfach):</translation>
    </message>
    <message>
        <source>Arri&amp;ve by:</source>
        <translation>An&amp;kunft bis:</translation>
    </message>
    <message>
        <source>Willing to relocate</source>
        <translation>bereit umzuziehen</translation>
    </message>
    <message>
        <source>Accepts fixed-term offers</source>
        <translation>nimmt auch befristete Angebote</translation>
    </message>
    <message>
        <source>&amp;Relocation:</source>
        <translation>&amp;Umzug:</translation>
    </message>
    <message>
        <source>F&amp;ixed term:</source>
        <translation>&amp;Befristung:</translation>
    </message>
    <message>
        <source>Health data: tick only when the client asks for offers reserved for severely disabled people.</source>
        <translation>Gesundheitsdatum: nur ankreuzen, wenn die Person ausdrücklich nach Angeboten fragt, die schwerbehinderten Menschen vorbehalten sind.</translation>
    </message>
    <message>
        <source>Offer p&amp;references:</source>
        <translation>Wünsche an A&amp;ngebote:</translation>
    </message>
    <message>
        <source>&amp;Working time:</source>
        <translation>Arbeitsz&amp;eit:</translation>
    </message>
    <message>
        <source>Earliest start</source>
        <translation>Frühester Beginn</translation>
    </message>
    <message>
        <source>&amp;Earliest start:</source>
        <translation>Frühester Be&amp;ginn:</translation>
    </message>
    <message>
        <source>Arrive by (school or work starts)</source>
        <translation>Ankunft bis (Beginn von Schule oder Arbeit)</translation>
    </message>
    <message>
        <source>by bus and train; empty: the office's time (Settings › Commute times)</source>
        <translation>mit Bus und Bahn; leer: die Zeit der Beratungsstelle (Einstellungen › Fahrzeiten)</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>Clients</source>
        <translation>Klient:innen</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Find &amp;offers</source>
        <translation>&amp;Angebote finden</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen…</translation>
    </message>
    <message>
        <source>Mo&amp;re</source>
        <translation>&amp;Weitere</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed meanwhile</source>
        <translation>Inzwischen geändert</translation>
    </message>
    <message>
        <source>Someone else saved this client while you were editing. These fields differ; keep your version (it replaces theirs) or take theirs (your edits are lost).</source>
        <translation>Jemand anderes hat diese Person gespeichert, während Sie sie bearbeitet haben. Diese Angaben unterscheiden sich: Behalten Sie Ihre Fassung (sie ersetzt die andere) oder übernehmen Sie die gespeicherte (Ihre Änderungen gehen verloren).</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Ihre Fassung</translation>
    </message>
    <message>
        <source>Saved meanwhile</source>
        <translation>Inzwischen gespeichert</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>&amp;Take theirs</source>
        <translation>&amp;Gespeicherte übernehmen</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>home</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>place of work</source>
        <translation>Arbeitsort</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1: %2 %3 → %4 %5</source>
        <translation>%1: %2 %3 → %4 %5</translation>
    </message>
    <message>
        <source>on foot: %1 → %2 (%3)</source>
        <translation>zu Fuß: %1 → %2 (%3)</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>ohne Umstieg</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation><numerusform>%n Umstieg</numerusform><numerusform>%n Umstiege</numerusform></translation>
    </message>
    <message>
        <source>Connection by the timetable on %1 (arrive by %2)</source>
        <translation>Verbindung laut Fahrplan am %1 (Ankunft bis %2 Uhr)</translation>
    </message>
    <message>
        <source>Leave at %1</source>
        <translation>Los um %1 Uhr</translation>
    </message>
    <message>
        <source>Arrive at %1 – %2 door to door, %3, walks estimated</source>
        <translation>Da um %1 Uhr – %2 von Tür zu Tür, %3, Fußwege geschätzt</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Something went wrong in SREK Desk. Your saved data is safe. Please tell your IT staff and send them the log file:
%1</source>
        <translation>In SREK Desk ist etwas schiefgegangen. Ihre gespeicherten Daten sind sicher. Bitte melden Sie es Ihrer IT und senden Sie ihr die Protokolldatei:
%1</translation>
    </message>
</context>
<context>
    <name>DemoDataDialog</name>
    <message>
        <source>Load demo data</source>
        <translation>Demo-Daten laden</translation>
    </message>
    <message>
        <source>The database is still empty. Load fictitious demo data so that you can try SREK Desk at once? The records are clearly marked as demo data.</source>
        <translation>Die Datenbank ist noch leer. Sollen fiktive Demo-Daten geladen werden, damit Sie SREK Desk gleich ausprobieren können? Die Datensätze sind deutlich als Demo-Daten gekennzeichnet.</translation>
    </message>
    <message>
        <source>Create fictitious demo clients, employers and offers in the region.</source>
        <translation>Fiktive Demo-Klient:innen, -Arbeitgeber und -Angebote in der Region anlegen.</translation>
    </message>
    <message>
        <source>Number of offers</source>
        <translation>Anzahl der Angebote</translation>
    </message>
    <message>
        <source>Number of clients</source>
        <translation>Anzahl der Klient:innen</translation>
    </message>
    <message>
        <source>&amp;Offers:</source>
        <translation>&amp;Angebote:</translation>
    </message>
    <message>
        <source>&amp;Clients:</source>
        <translation>&amp;Klient:innen:</translation>
    </message>
    <message>
        <source>&amp;Load demo data</source>
        <translation>Demo-Daten &amp;laden</translation>
    </message>
    <message>
        <source>&amp;Start empty</source>
        <translation>&amp;Leer beginnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliche Doppelung</translation>
    </message>
    <message>
        <source>This client looks like a record that already exists. Please check before saving: one person should have one record.</source>
        <translation>Diese Person sieht aus wie ein Datensatz, den es schon gibt. Bitte vor dem Speichern prüfen: Eine Person soll nur einen Datensatz haben.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Similar records</source>
        <translation>Ähnliche Datensätze</translation>
    </message>
    <message>
        <source>A similar record exists that you cannot see (probably in a colleague's caseload). Please ask Teamleitung whether it is the same person.</source>
        <translation>Es gibt einen ähnlichen Datensatz, den Sie nicht einsehen können (vermutlich im Bestand einer Kollegin oder eines Kollegen). Bitte klären Sie mit der Teamleitung, ob es dieselbe Person ist.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>&amp;Trotzdem speichern</translation>
    </message>
    <message>
        <source>&amp;Open existing</source>
        <translation>&amp;Vorhandenen öffnen</translation>
    </message>
    <message>
        <source>Save and &amp;merge…</source>
        <translation>Speichern und &amp;zusammenführen…</translation>
    </message>
</context>
<context>
    <name>EmployerEditor</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>St&amp;reet:</source>
        <translation>St&amp;raße:</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>&amp;Postcode:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>K&amp;ontakt:</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechperson</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-m&amp;ail:</source>
        <translation>E-M&amp;ail:</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Noti&amp;zen:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>EmployersPage</name>
    <message>
        <source>Employers</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;New employer…</source>
        <translation>&amp;Neuer Arbeitgeber…</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Apply by</source>
        <translation>Bewerben bis</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Offers of the employer</source>
        <translation>Angebote des Arbeitgebers</translation>
    </message>
    <message>
        <source>Matching c&amp;lients…</source>
        <translation>Passende &amp;Klient:innen…</translation>
    </message>
    <message>
        <source>Offers of the selected employer</source>
        <translation>Angebote des gewählten Arbeitgebers</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) of this employer</source>
        <translation>
            <numerusform>%n Angebot dieses Arbeitgebers</numerusform>
            <numerusform>%n Angebote dieses Arbeitgebers</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit employer</source>
        <translation>Arbeitgeber bearbeiten</translation>
    </message>
    <message>
        <source>New employer</source>
        <translation>Neuer Arbeitgeber</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>SREK Desk – first start</source>
        <translation>SREK Desk – erster Start</translation>
    </message>
    <message>
        <source>Create the administration account. It manages accounts, settings, retention and backups. On a PC used by one counsellor, the same account can also counsel clients.</source>
        <translation>Legen Sie das Administrationskonto an. Es verwaltet Konten, Einstellungen, Löschfristen und Sicherungen. Auf einem PC, an dem nur eine Person berät, kann dasselbe Konto auch Klient:innen beraten.</translation>
    </message>
    <message>
        <source>e.g. m.mueller</source>
        <translation>z. B. m.mueller</translation>
    </message>
    <message>
        <source>This account also counsels clients (Berater:in)</source>
        <translation>Dieses Konto berät auch Klient:innen (Berater:in)</translation>
    </message>
    <message>
        <source>… and sees statistics (Teamleitung)</source>
        <translation>… und sieht die Statistik (Teamleitung)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>HandoverActions</name>
    <message>
        <source>Export case handover…</source>
        <translation>Fallübergabe exportieren…</translation>
    </message>
    <message>
        <source>Import case handover…</source>
        <translation>Fallübergabe importieren…</translation>
    </message>
    <message>
        <source>Case handover</source>
        <translation>Fallübergabe</translation>
    </message>
    <message>
        <source>There are no clients you could hand over.</source>
        <translation>Es gibt keine Klient:innen, die Sie übergeben könnten.</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>Encrypting and writing the file…</source>
        <translation>Datei wird verschlüsselt und geschrieben…</translation>
    </message>
    <message>
        <source>%1 clients written to %2. Give the recipient the password by another way.</source>
        <translation>%1 Klient:innen in %2 geschrieben. Das Passwort bitte auf anderem Weg weitergeben.</translation>
    </message>
    <message>
        <source>They are marked as handed over (inactive) here.</source>
        <translation>Sie sind hier als übergeben (inaktiv) vermerkt.</translation>
    </message>
    <message>
        <source>Decrypting and importing…</source>
        <translation>Wird entschlüsselt und übernommen…</translation>
    </message>
    <message>
        <source>%1 clients imported, %2 skipped.</source>
        <translation>%1 Klient:innen übernommen, %2 übersprungen.</translation>
    </message>
    <message>
        <source>%1 merged into records already here.</source>
        <translation>%1 mit vorhandenen Einträgen zusammengeführt.</translation>
    </message>
    <message>
        <source>With them: %1 notes, %2 follow-ups, %3 proposals, %4 printed sheets.</source>
        <translation>Dazu: %1 Notizen, %2 Wiedervorlagen, %3 Vorschläge, %4 Chancenblätter.</translation>
    </message>
    <message>
        <source>%1 proposals or sheets name offers unknown here; they are kept as a note.</source>
        <translation>%1 Vorschläge oder Chancenblätter nennen Angebote, die es hier nicht gibt; sie stehen als Notiz bei den Klient:innen.</translation>
    </message>
    <message>
        <source>The case handover failed. Details are in the log file.</source>
        <translation>Die Fallübergabe ist fehlgeschlagen. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>HandoverExportDialog</name>
    <message>
        <source>Export case handover</source>
        <translation>Fallübergabe exportieren</translation>
    </message>
    <message>
        <source>Tick the clients to hand over to another office. Their notes, follow-ups, proposals and printed sheets go along, encrypted with the password. Tell the recipient the password by another way (e.g. by phone), never with the file.</source>
        <translation>Klient:innen ankreuzen, die an eine andere Beratungsstelle übergeben werden. Notizen, Wiedervorlagen, Vorschläge und gedruckte Chancenblätter gehen mit, verschlüsselt mit dem Passwort. Das Passwort bitte auf anderem Weg mitteilen (z. B. telefonisch), nie zusammen mit der Datei.</translation>
    </message>
    <message>
        <source>Filter by name or customer number…</source>
        <translation>Nach Name oder Kundennummer filtern…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Clients to hand over</source>
        <translation>Zu übergebende Klient:innen</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>A&amp;uswählen…</translation>
    </message>
    <message>
        <source>&amp;Mark as handed over afterwards (inactive, with a note)</source>
        <translation>Danach als übergeben &amp;vermerken (inaktiv, mit Notiz)</translation>
    </message>
    <message>
        <source>Receiving office (optional)</source>
        <translation>Empfangende Beratungsstelle (optional)</translation>
    </message>
    <message>
        <source>Receiving office</source>
        <translation>Empfangende Beratungsstelle</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>Handed over &amp;to:</source>
        <translation>Übergeben &amp;an:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 clients chosen</source>
        <translation>%1 Klient:innen ausgewählt</translation>
    </message>
    <message>
        <source>Case handover (*%1)</source>
        <translation>Fallübergabe (*%1)</translation>
    </message>
    <message>
        <source>Tick at least one client.</source>
        <translation>Bitte mindestens eine Klientin oder einen Klienten ankreuzen.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Bitte eine Datei wählen.</translation>
    </message>
</context>
<context>
    <name>HandoverImportDialog</name>
    <message>
        <source>Import case handover</source>
        <translation>Fallübergabe importieren</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>A&amp;uswählen…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Choose the file and enter the password you were given.</source>
        <translation>Datei wählen und das Passwort eingeben, das Sie erhalten haben.</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Vermittlungsvorschläge</translation>
    </message>
    <message>
        <source>Possibly already here</source>
        <translation>Vielleicht schon vorhanden</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Clients in the file</source>
        <translation>Klient:innen in der Datei</translation>
    </message>
    <message>
        <source>&amp;Merge into the existing record</source>
        <translation>Mit vorhandenem Eintrag &amp;zusammenführen</translation>
    </message>
    <message>
        <source>Possible when exactly one similar record is stored here that you may see: its values stay, empty ones are filled, notes and proposals are added.</source>
        <translation>Möglich, wenn hier genau ein ähnlicher Eintrag gespeichert ist, den Sie sehen dürfen: Seine Angaben bleiben, leere werden ergänzt, Notizen und Vorschläge kommen hinzu.</translation>
    </message>
    <message>
        <source>&amp;Import ticked clients</source>
        <translation>Angekreuzte &amp;übernehmen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>customer number taken here: imported without it</source>
        <translation>Kundennummer hier schon vergeben: wird ohne übernommen</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <source>merge into existing</source>
        <translation>mit vorhandenem zusammenführen</translation>
    </message>
    <message>
        <source>import as new record</source>
        <translation>als neuer Eintrag übernehmen</translation>
    </message>
    <message>
        <source>import</source>
        <translation>übernehmen</translation>
    </message>
    <message>
        <source>Case handover (*%1);;All files (*)</source>
        <translation>Fallübergabe (*%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the file and enter its password.</source>
        <translation>Bitte die Datei wählen und ihr Passwort eingeben.</translation>
    </message>
    <message>
        <source>Decrypting…</source>
        <translation>Wird entschlüsselt…</translation>
    </message>
    <message>
        <source>From %1 (%2), exported on %3: %4 clients.</source>
        <translation>Von %1 (%2), exportiert am %3: %4 Klient:innen.</translation>
    </message>
    <message>
        <source>Possibly stored here already (not ticked): %1. Tick them to import them as new records anyway.</source>
        <translation>Vielleicht schon gespeichert (nicht angekreuzt): %1. Ankreuzen, um sie trotzdem als neue Einträge zu übernehmen.</translation>
    </message>
    <message>
        <source>The file could not be read. Details are in the log file.</source>
        <translation>Die Datei ließ sich nicht lesen. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Proposals and outcomes</source>
        <translation>Vorschläge und Ergebnisse</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>German, plain language</source>
        <translation>Deutsch, einfache Sprache</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Pseudonymous</source>
        <translation>Pseudonym</translation>
    </message>
    <message>
        <source>Printed sheets</source>
        <translation>Gedruckte Chancenblätter</translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message>
        <source>C&amp;hoose file…</source>
        <translation>Datei &amp;wählen…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient:innen</translation>
    </message>
    <message>
        <source>What the file holds</source>
        <translation>Was die Datei enthält</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>&amp;Trial run (save nothing)</source>
        <translation>&amp;Probelauf (nichts speichern)</translation>
    </message>
    <message>
        <source>S&amp;kip bad rows (otherwise refuse the file)</source>
        <translation>Fehlerhafte Zeilen ü&amp;berspringen (sonst die Datei ablehnen)</translation>
    </message>
    <message>
        <source>Comp&amp;lete list of this source (deactivate its offers missing from the file)</source>
        <translation>Vollständige &amp;Liste dieser Quelle (ihre Angebote, die in der Datei fehlen, deaktivieren)</translation>
    </message>
    <message>
        <source>Without it, only what the file deletes is deactivated. You are asked first.</source>
        <translation>Ohne dieses Häkchen wird nur deaktiviert, was die Datei ausdrücklich löscht. Vor dem Deaktivieren wird nachgefragt.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Fetch from the &amp;Jobbörse…</source>
        <translation>Von der &amp;Jobbörse abrufen…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>&amp;Contents:</source>
        <translation>&amp;Inhalt:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Spaltenzuordnung</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Bad rows</source>
        <translation>Fehlerhafte Zeilen</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>Importverlauf</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Choose import file</source>
        <translation>Importdatei wählen</translation>
    </message>
    <message>
        <source>Import files (*.json *.csv *.txt *.xlsx *.xml)</source>
        <translation>Importdateien (*.json *.csv *.txt *.xlsx *.xml)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei lässt sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Mapping saved for this source.</source>
        <translation>Zuordnung für diese Quelle gespeichert.</translation>
    </message>
    <message>
        <source>Mapping suggested from the column names.</source>
        <translation>Zuordnung aus den Spaltennamen vorgeschlagen.</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(nicht übernehmen)</translation>
    </message>
    <message>
        <source>Field for column %1</source>
        <translation>Feld für Spalte %1</translation>
    </message>
    <message>
        <source>Checking which offers of the source the file lacks…</source>
        <translation>Prüfe, welche Angebote der Quelle in der Datei fehlen …</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importiere…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>New chances could not be collected. Details are in the log file.</source>
        <translation>Neue Chancen konnten nicht gesammelt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message numerus="yes">
        <source>%n new chance(s) for clients found.</source>
        <translation>
            <numerusform>%n neue Chance für Klient:innen gefunden.</numerusform>
            <numerusform>%n neue Chancen für Klient:innen gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import failed. Details are in the log file.</source>
        <translation>Der Import ist fehlgeschlagen. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>JobboerseDialog</name>
    <message>
        <source>Fetch from the Jobbörse</source>
        <translation>Von der Jobbörse abrufen</translation>
    </message>
    <message>
        <source>What: occupation or keyword</source>
        <translation>Was: Beruf oder Stichwort</translation>
    </message>
    <message>
        <source>e.g. Mechatroniker</source>
        <translation>z. B. Mechatroniker</translation>
    </message>
    <message>
        <source>Where: postcode or place</source>
        <translation>Wo: Postleitzahl oder Ort</translation>
    </message>
    <message>
        <source>e.g. 34117 or Kassel</source>
        <translation>z. B. 34117 oder Kassel</translation>
    </message>
    <message>
        <source>Radius around the place</source>
        <translation>Umkreis um den Ort</translation>
    </message>
    <message>
        <source>Apprenticeship / dual study</source>
        <translation>Ausbildung / Duales Studium</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Arbeit</translation>
    </message>
    <message>
        <source>Internship / trainee</source>
        <translation>Praktikum / Trainee</translation>
    </message>
    <message>
        <source>Self-employment</source>
        <translation>Selbstständigkeit</translation>
    </message>
    <message>
        <source>Kind of offer</source>
        <translation>Angebotsart</translation>
    </message>
    <message>
        <source>Save search as</source>
        <translation>Suche speichern als</translation>
    </message>
    <message>
        <source>(leave empty to fetch once)</source>
        <translation>(leer lassen: nur einmal abrufen)</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>A&amp;brufen</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <source>W&amp;here:</source>
        <translation>W&amp;o:</translation>
    </message>
    <message>
        <source>&amp;Radius:</source>
        <translation>&amp;Umkreis:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>Angebotsa&amp;rt:</translation>
    </message>
    <message>
        <source>&amp;Save search as…</source>
        <translation>Suche &amp;speichern als …</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Last fetched</source>
        <translation>Zuletzt abgerufen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>Fetch s&amp;elected</source>
        <translation>&amp;Gewählte abrufen</translation>
    </message>
    <message>
        <source>Fetch &amp;all</source>
        <translation>&amp;Alle abrufen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Fetch report</source>
        <translation>Bericht des Abrufs</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Delete saved search</source>
        <translation>Gespeicherte Suche löschen</translation>
    </message>
    <message>
        <source>Delete the saved search “%1”? Its offers stay; they are no longer retired when they vanish from this search.</source>
        <translation>Die gespeicherte Suche „%1“ löschen? Ihre Angebote bleiben; sie werden aber nicht mehr deaktiviert, wenn sie aus dieser Suche verschwinden.</translation>
    </message>
    <message>
        <source>Please choose a saved search first.</source>
        <translation>Bitte zuerst eine gespeicherte Suche wählen.</translation>
    </message>
    <message>
        <source>Fetching from the Jobbörse…</source>
        <translation>Abruf von der Jobbörse läuft …</translation>
    </message>
    <message numerus="yes">
        <source>%n new chance(s) for clients found.</source>
        <translation>
            <numerusform>%n neue Chance für Klient:innen gefunden.</numerusform>
            <numerusform>%n neue Chancen für Klient:innen gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>New chances could not be collected. Details are in the log file.</source>
        <translation>Neue Chancen konnten nicht gesammelt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>There are no saved searches yet.</source>
        <translation>Es gibt noch keine gespeicherten Suchen.</translation>
    </message>
    <message>
        <source>The fetch failed. Details are in the log file.</source>
        <translation>Der Abruf ist fehlgeschlagen. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
</context>
<context>
    <name>LanguagesEdit</name>
    <message>
        <source>Languages and levels</source>
        <translation>Sprachen und Niveaus</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language level</source>
        <translation>Sprachniveau</translation>
    </message>
    <message>
        <source>Add lan&amp;guage</source>
        <translation>Sprache hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Remove language</source>
        <translation>Sprache entfernen</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>SREK Desk – sign in</source>
        <translation>SREK Desk – Anmeldung</translation>
    </message>
    <message>
        <source>Client records are protected. Please sign in with your own account.</source>
        <translation>Die Daten der Klient:innen sind geschützt. Bitte melden Sie sich mit Ihrem eigenen Konto an.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Die Datenbank wird geöffnet…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient:innen</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2) · </source>
        <translation>Angemeldet: %1 (%2) · </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>Backup warning</source>
        <translation>Warnung zur Sicherung</translation>
    </message>
    <message>
        <source>Colleagues changed data; the lists were reloaded.</source>
        <translation>Kolleg:innen haben Daten geändert; die Listen wurden neu geladen.</translation>
    </message>
    <message>
        <source>Matching could not be prepared. Details are in the log file.</source>
        <translation>Der Abgleich konnte nicht vorbereitet werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>First occupational wish</source>
        <translation>Erster Berufswunsch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>KldB</source>
        <translation>KldB</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Apply by</source>
        <translation>Bewerben bis</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner:in</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Active offers</source>
        <translation>Aktive Angebote</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New counselling…</source>
        <translation>&amp;Neue Beratung…</translation>
    </message>
    <message>
        <source>&amp;Print sheet…</source>
        <translation>Chancenblatt &amp;drucken…</translation>
    </message>
    <message>
        <source>Load &amp;demo data…</source>
        <translation>&amp;Demo-Daten laden…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>&amp;Clients</source>
        <translation>&amp;Klient:innen</translation>
    </message>
    <message>
        <source>&amp;Offers</source>
        <translation>&amp;Angebote</translation>
    </message>
    <message>
        <source>&amp;Employers</source>
        <translation>A&amp;rbeitgeber</translation>
    </message>
    <message>
        <source>&amp;Matching</source>
        <translation>A&amp;bgleich</translation>
    </message>
    <message>
        <source>&amp;Imports</source>
        <translation>&amp;Importe</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistik</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Ad&amp;ministration</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SREK Desk</source>
        <translation>Ü&amp;ber SREK Desk</translation>
    </message>
    <message>
        <source>Matching is still being prepared…</source>
        <translation>Der Abgleich wird noch vorbereitet…</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>Demo-Daten werden angelegt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demo-Daten</translation>
    </message>
    <message>
        <source>Creating the demo data failed. Details are in the log file.</source>
        <translation>Die Demo-Daten konnten nicht angelegt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Run from the source code</source>
        <translation>Aus dem Quellcode gestartet</translation>
    </message>
    <message>
        <source>Build %1 of %2</source>
        <translation>Build %1 vom %2</translation>
    </message>
    <message>
        <source>About SREK Desk</source>
        <translation>Über SREK Desk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SREK Desk %1&lt;/h3&gt;&lt;p&gt;Apprenticeships and jobs across the borders of Hessen, Niedersachsen, Nordrhein-Westfalen and Thüringen.&lt;/p&gt;&lt;p&gt;Postcode data: GeoNames (CC BY 4.0) and others, see the attribution file.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SREK Desk %1&lt;/h3&gt;&lt;p&gt;Ausbildung und Arbeit über die Grenzen von Hessen, Niedersachsen, Nordrhein-Westfalen und Thüringen hinweg.&lt;/p&gt;&lt;p&gt;Postleitzahldaten: GeoNames (CC BY 4.0) und weitere, siehe Quellenangaben.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Matching</name>
    <message>
        <source>Score</source>
        <translation>Passung</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Commute</source>
        <translation>Arbeitsweg</translation>
    </message>
    <message>
        <source>Lateral entry</source>
        <translation>Quereinstieg</translation>
    </message>
    <message>
        <source>Refugees</source>
        <translation>Geflüchtete</translation>
    </message>
    <message>
        <source>Temp agency</source>
        <translation>Zeitarbeit</translation>
    </message>
    <message>
        <source>Private agency</source>
        <translation>priv. Vermittlung</translation>
    </message>
    <message>
        <source>Severely disabled only</source>
        <translation>nur Schwerbehinderte</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>fehlt: %1</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>place of work unknown</source>
        <translation>Arbeitsort unbekannt</translation>
    </message>
    <message>
        <source>approx. %1</source>
        <translation>ca. %1</translation>
    </message>
    <message>
        <source>only with a move (%1)</source>
        <translation>nur mit Umzug (%1)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>on the sheet</source>
        <translation>auf dem Blatt</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Kennzeichen</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>Warum nicht</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>Why it fits</source>
        <translation>Warum es passt</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>Matching</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Choose a client on the Clients page and press “Find offers”.</source>
        <translation>Wählen Sie auf der Seite Klient:innen eine Person aus und drücken Sie „Angebote finden“.</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Filter by offer type</source>
        <translation>Nach Angebotsart filtern</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Bundesländer</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Nach Bundesland filtern</translation>
    </message>
    <message>
        <source>Client's modes</source>
        <translation>Verkehrsmittel der Person</translation>
    </message>
    <message>
        <source>Filter by mode of transport</source>
        <translation>Nach Verkehrsmittel filtern</translation>
    </message>
    <message>
        <source>client's limit</source>
        <translation>Grenze der Person</translation>
    </message>
    <message>
        <source>Maximum commute in minutes</source>
        <translation>Längster Arbeitsweg in Minuten</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>B&amp;undesland:</translation>
    </message>
    <message>
        <source>Record o&amp;utcome</source>
        <translation>Ergebnis &amp;erfassen</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>Aus&amp;blenden</translation>
    </message>
    <message>
        <source>Pri&amp;nt…</source>
        <translation>Druc&amp;ken…</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Verkehrsmittel:</translation>
    </message>
    <message>
        <source>Include s&amp;tale offers</source>
        <translation>Veraltete einbe&amp;ziehen</translation>
    </message>
    <message>
        <source>Stale offers (deadline or fixed start passed, or not confirmed for a while) are left out; tick to see them too, greyed out. They are never printed on a sheet.</source>
        <translation>Veraltete Angebote (Frist oder fester Beginn vorbei, oder länger nicht bestätigt) bleiben außen vor; ankreuzen, um sie grau mit anzuzeigen. Auf ein Chancenblatt kommen sie nie.</translation>
    </message>
    <message>
        <source>Ma&amp;x. minutes:</source>
        <translation>Max. &amp;Minuten:</translation>
    </message>
    <message>
        <source>Matching offers</source>
        <translation>Passende Angebote</translation>
    </message>
    <message>
        <source>Why the offer fits</source>
        <translation>Warum das Angebot passt</translation>
    </message>
    <message>
        <source>Near misses</source>
        <translation>Knapp daneben</translation>
    </message>
    <message>
        <source>&amp;Add to sheet</source>
        <translation>Aufs &amp;Blatt</translation>
    </message>
    <message>
        <source>&amp;Propose</source>
        <translation>Vor&amp;schlagen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Do not show this offer to this client again</source>
        <translation>Dieses Angebot dieser Person nicht mehr zeigen</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Offers on the sheet</source>
        <translation>Angebote auf dem Blatt</translation>
    </message>
    <message>
        <source>&amp;Remove from sheet</source>
        <translation>Vom Blatt &amp;nehmen</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>Vors&amp;chau…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Als PDF spe&amp;ichern…</translation>
    </message>
    <message>
        <source>Opportunity sheet</source>
        <translation>Chancenblatt</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Matching for %1</source>
        <translation>Abgleich für %1</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <source>Record outcome</source>
        <translation>Ergebnis erfassen</translation>
    </message>
    <message>
        <source>Sheet recorded; its offers are now proposals to the client.</source>
        <translation>Chancenblatt erfasst; seine Angebote sind jetzt Vorschläge an die Person.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge records</source>
        <translation>Datensätze zusammenführen</translation>
    </message>
    <message>
        <source>Merge two records of the same person. The record that is removed gives everything to the one that is kept: notes, follow-ups, proposals, printed sheets, wishes and languages. Empty fields of the kept record are filled from the other one.</source>
        <translation>Zwei Datensätze derselben Person zusammenführen. Der entfernte Datensatz gibt alles an den behaltenen ab: Notizen, Wiedervorlagen, Vermittlungsvorschläge, gedruckte Chancenblätter, Berufswünsche und Sprachen. Leere Felder des behaltenen Datensatzes werden aus dem anderen gefüllt.</translation>
    </message>
    <message>
        <source>Other record</source>
        <translation>Anderer Datensatz</translation>
    </message>
    <message>
        <source>Name or customer number</source>
        <translation>Name oder Kundennummer</translation>
    </message>
    <message>
        <source>Search for the other record</source>
        <translation>Anderen Datensatz suchen</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>This record:</source>
        <translation>Dieser Datensatz:</translation>
    </message>
    <message>
        <source>&amp;Other record:</source>
        <translation>&amp;Anderer Datensatz:</translation>
    </message>
    <message>
        <source>Find another:</source>
        <translation>Anderen suchen:</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>This record</source>
        <translation>Dieser Datensatz</translation>
    </message>
    <message>
        <source>After merging</source>
        <translation>Nach dem Zusammenführen</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>&amp;Keep this record</source>
        <translation>Diesen Datensatz &amp;behalten</translation>
    </message>
    <message>
        <source>Keep the other &amp;record</source>
        <translation>Den anderen Datensatz be&amp;halten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen…</translation>
    </message>
    <message>
        <source>A similar record exists that you cannot see (probably in a colleague's caseload). Please ask Teamleitung whether it is the same person.</source>
        <translation>Es gibt einen ähnlichen Datensatz, den Sie nicht einsehen können (vermutlich im Bestand einer Kollegin oder eines Kollegen). Bitte klären Sie mit der Teamleitung, ob es dieselbe Person ist.</translation>
    </message>
    <message>
        <source>No similar record found. Search for the other record.</source>
        <translation>Kein ähnlicher Datensatz gefunden. Bitte den anderen Datensatz suchen.</translation>
    </message>
    <message>
        <source>No record found for this search.</source>
        <translation>Für diese Suche wurde kein Datensatz gefunden.</translation>
    </message>
    <message>
        <source>given on %1</source>
        <translation>erteilt am %1</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht erteilt</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Wohnort</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>Vocational qualification</source>
        <translation>Berufsabschluss</translation>
    </message>
    <message>
        <source>Driving licences</source>
        <translation>Führerscheine</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Kenntnisse</translation>
    </message>
    <message>
        <source>Target occupations</source>
        <translation>Zielberufe</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Client status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Proposals made</source>
        <translation>Vermittlungsvorschläge</translation>
    </message>
    <message>
        <source>Counsellor</source>
        <translation>Berater:in</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Printed sheets</source>
        <translation>Gedruckte Chancenblätter</translation>
    </message>
    <message>
        <source>This record – kept</source>
        <translation>Dieser Datensatz – bleibt</translation>
    </message>
    <message>
        <source>This record – removed</source>
        <translation>Dieser Datensatz – wird entfernt</translation>
    </message>
    <message>
        <source>Other record – kept</source>
        <translation>Anderer Datensatz – bleibt</translation>
    </message>
    <message>
        <source>Other record – removed</source>
        <translation>Anderer Datensatz – wird entfernt</translation>
    </message>
    <message>
        <source>Merge „%1“ into „%2“?

„%1“ is deleted afterwards; its notes, follow-ups, proposals and printed sheets stay with „%2“. This cannot be undone.</source>
        <translation>„%1“ in „%2“ zusammenführen?

„%1“ wird danach gelöscht; Notizen, Wiedervorlagen, Vermittlungsvorschläge und gedruckte Chancenblätter bleiben bei „%2“. Das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Counselling notes</source>
        <translation>Beratungsnotizen</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>New note…</source>
        <translation>Neue Notiz…</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Zu tun</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>What is to be done</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>What is to be done…</source>
        <translation>Was ist zu tun…</translation>
    </message>
    <message>
        <source>Add &amp;follow-up</source>
        <translation>&amp;Wiedervorlage hinzufügen</translation>
    </message>
    <message>
        <source>Mark as d&amp;one</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>OccupationPicker</name>
    <message>
        <source>Occupation, e.g. Koch, Pflege, Elektro…</source>
        <translation>Beruf, z. B. Koch, Pflege, Elektro…</translation>
    </message>
    <message>
        <source>Search occupations</source>
        <translation>Berufe suchen</translation>
    </message>
    <message>
        <source>Occupations found</source>
        <translation>Gefundene Berufe</translation>
    </message>
    <message>
        <source>Chosen occupations, first wish first</source>
        <translation>Gewählte Berufe, erster Wunsch zuerst</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Entf&amp;ernen</translation>
    </message>
</context>
<context>
    <name>OfferEditor</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Type of offer</source>
        <translation>Angebotsart</translation>
    </message>
    <message>
        <source>&amp;KldB code:</source>
        <translation>&amp;KldB-Kennziffer:</translation>
    </message>
    <message>
        <source>KldB code</source>
        <translation>KldB-Kennziffer</translation>
    </message>
    <message>
        <source>Occupation na&amp;me:</source>
        <translation>Berufsbe&amp;zeichnung:</translation>
    </message>
    <message>
        <source>Occupation name</source>
        <translation>Berufsbezeichnung</translation>
    </message>
    <message>
        <source>Required sc&amp;hool qualification:</source>
        <translation>Nötiger Sch&amp;ulabschluss:</translation>
    </message>
    <message>
        <source>Required school qualification</source>
        <translation>Nötiger Schulabschluss</translation>
    </message>
    <message>
        <source>&amp;Employer:</source>
        <translation>Arbeit&amp;geber:</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>St&amp;reet:</source>
        <translation>St&amp;raße:</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>&amp;Postcode:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>&amp;Working time:</source>
        <translation>Arbeitsz&amp;eit:</translation>
    </message>
    <message>
        <source>Working time</source>
        <translation>Arbeitszeit</translation>
    </message>
    <message>
        <source>&amp;Fixed term:</source>
        <translation>&amp;Befristet:</translation>
    </message>
    <message>
        <source>Fixed-term</source>
        <translation>befristet</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>Begi&amp;nn:</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Apply &amp;by:</source>
        <translation>Bewerben b&amp;is:</translation>
    </message>
    <message>
        <source>Application deadline</source>
        <translation>Bewerbungsfrist</translation>
    </message>
    <message>
        <source>P&amp;ositions:</source>
        <translation>Zu &amp;vergebende Stellen:</translation>
    </message>
    <message>
        <source>Number of positions</source>
        <translation>Zahl der Stellen</translation>
    </message>
    <message>
        <source>Dri&amp;ving licence:</source>
        <translation>&amp;Führerschein:</translation>
    </message>
    <message>
        <source>Driving licence required</source>
        <translation>Nötiger Führerschein</translation>
    </message>
    <message>
        <source>&amp;German level:</source>
        <translation>&amp;Deutschniveau:</translation>
    </message>
    <message>
        <source>German level required</source>
        <translation>Nötiges Deutschniveau</translation>
    </message>
    <message>
        <source>Re&amp;quired skills:</source>
        <translation>Geforderte Kenntni&amp;sse:</translation>
    </message>
    <message>
        <source>Required skills</source>
        <translation>Geforderte Kenntnisse</translation>
    </message>
    <message>
        <source>&amp;Nice-to-have skills:</source>
        <translation>Erwüns&amp;chte Kenntnisse:</translation>
    </message>
    <message>
        <source>Nice-to-have skills</source>
        <translation>Erwünschte Kenntnisse</translation>
    </message>
    <message>
        <source>&amp;Indicators:</source>
        <translation>Kennzeichen:</translation>
    </message>
    <message>
        <source>Indicators of the offer</source>
        <translation>Kennzeichen des Angebots</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>K&amp;ontakt:</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechperson</translation>
    </message>
    <message>
        <source>Contact p&amp;hone:</source>
        <translation>Kontakt-Te&amp;lefon:</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>Kontakt-Telefon</translation>
    </message>
    <message>
        <source>Contact e-m&amp;ail:</source>
        <translation>Kontakt-E-&amp;Mail:</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>Kontakt-E-Mail</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>&amp;Weblink:</translation>
    </message>
    <message>
        <source>Link to the offer</source>
        <translation>Link zum Angebot</translation>
    </message>
    <message>
        <source>Pa&amp;y:</source>
        <translation>Verg&amp;ütung:</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Vergütung</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>Besc&amp;hreibung:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Ac&amp;tive:</source>
        <translation>Akti&amp;v:</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Never confirmed as current.</source>
        <translation>Noch nie als aktuell bestätigt.</translation>
    </message>
    <message>
        <source>Stale: %1. Matching leaves it out.</source>
        <translation>Veraltet: %1. Der Abgleich lässt es weg.</translation>
    </message>
    <message>
        <source>Saving confirms the offer as current.</source>
        <translation>Speichern bestätigt das Angebot als aktuell.</translation>
    </message>
</context>
<context>
    <name>OfferListingModel</name>
    <message>
        <source>Confirmed</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Stale: %1</source>
        <translation>Veraltet: %1</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
</context>
<context>
    <name>OfferMatchesDialog</name>
    <message>
        <source>Matching clients</source>
        <translation>Passende Klient:innen</translation>
    </message>
    <message>
        <source>Near misses</source>
        <translation>Knapp daneben</translation>
    </message>
    <message>
        <source>Why the client fits</source>
        <translation>Warum die Person passt</translation>
    </message>
    <message>
        <source>&amp;Match anyway</source>
        <translation>Trotzdem &amp;abgleichen</translation>
    </message>
    <message>
        <source>This offer is inactive and is not matched.</source>
        <translation>Dieses Angebot ist nicht aktiv und wird nicht abgeglichen.</translation>
    </message>
    <message>
        <source>This offer is stale (%1); matching leaves it out.</source>
        <translation>Dieses Angebot ist veraltet (%1); der Abgleich lässt es weg.</translation>
    </message>
    <message>
        <source>&amp;Propose to this client</source>
        <translation>Dieser Person &amp;vorschlagen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Open client's matching</source>
        <translation>Abgleich der Person ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <source>Proposed to %1.</source>
        <translation>%1 vorgeschlagen.</translation>
    </message>
</context>
<context>
    <name>OffersPage</name>
    <message>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Filter by offer type</source>
        <translation>Nach Angebotsart filtern</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Bundesländer</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Nach Bundesland filtern</translation>
    </message>
    <message>
        <source>Occupation or KldB code</source>
        <translation>Beruf oder KldB-Kennziffer</translation>
    </message>
    <message>
        <source>Filter by occupation</source>
        <translation>Nach Beruf filtern</translation>
    </message>
    <message>
        <source>Distance from postcode</source>
        <translation>Umkreis um Postleitzahl</translation>
    </message>
    <message>
        <source>any distance</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Maximum distance in km</source>
        <translation>Höchste Entfernung in km</translation>
    </message>
    <message>
        <source>Filter by active</source>
        <translation>Nach aktiv filtern</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>active and inactive</source>
        <translation>aktiv und inaktiv</translation>
    </message>
    <message>
        <source>Filter by current or stale</source>
        <translation>Nach aktuell oder veraltet filtern</translation>
    </message>
    <message>
        <source>current and stale</source>
        <translation>aktuelle und veraltete</translation>
    </message>
    <message>
        <source>current only</source>
        <translation>nur aktuelle</translation>
    </message>
    <message>
        <source>stale only</source>
        <translation>nur veraltete</translation>
    </message>
    <message>
        <source>Stale: the application deadline or the fixed start has passed, or nobody confirmed the offer for a while (setting under Matching weights). Matching leaves stale offers out.</source>
        <translation>Veraltet: Bewerbungsfrist oder fester Beginn vorbei, oder das Angebot wurde länger nicht bestätigt (Einstellung unter Gewichtung). Der Abgleich lässt veraltete Angebote weg.</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>B&amp;undesland:</translation>
    </message>
    <message>
        <source>Fres&amp;hness:</source>
        <translation>Aktua&amp;lität:</translation>
    </message>
    <message>
        <source>Occ&amp;upation:</source>
        <translation>Be&amp;ruf:</translation>
    </message>
    <message>
        <source>&amp;Within</source>
        <translation>&amp;Im Umkreis von</translation>
    </message>
    <message>
        <source>&amp;of</source>
        <translation>u&amp;m</translation>
    </message>
    <message>
        <source>Acti&amp;ve:</source>
        <translation>Akti&amp;v:</translation>
    </message>
    <message>
        <source>Matching &amp;clients…</source>
        <translation>Passende &amp;Klient:innen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;New offer…</source>
        <translation>&amp;Neues Angebot…</translation>
    </message>
    <message>
        <source>Con&amp;firm as current</source>
        <translation>Als aktuell bes&amp;tätigen</translation>
    </message>
    <message>
        <source>The selected offers are still open: set their “Stand” to today.</source>
        <translation>Die ausgewählten Angebote sind noch offen: ihr „Stand“ wird auf heute gesetzt.</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) confirmed as current (Stand: %1).</source>
        <translation>
            <numerusform>%n Angebot als aktuell bestätigt (Stand: %1).</numerusform>
            <numerusform>%n Angebote als aktuell bestätigt (Stand: %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit offer</source>
        <translation>Angebot bearbeiten</translation>
    </message>
    <message>
        <source>New offer</source>
        <translation>Neues Angebot</translation>
    </message>
</context>
<context>
    <name>OfflineActions</name>
    <message>
        <source>Take selected client along (laptop)…</source>
        <translation>Ausgewählte Klient:in mitnehmen (Laptop)…</translation>
    </message>
    <message>
        <source>Check in a laptop file…</source>
        <translation>Laptop-Datei einchecken…</translation>
    </message>
    <message>
        <source>Offline laptop</source>
        <translation>Laptop unterwegs</translation>
    </message>
    <message>
        <source>Select a client on the Clients page first.</source>
        <translation>Bitte zuerst auf der Seite Klient:innen jemanden auswählen.</translation>
    </message>
    <message>
        <source>Laptop database (*.sqlite3)</source>
        <translation>Laptop-Datenbank (*.sqlite3)</translation>
    </message>
    <message>
        <source>Written to %1. Open it on the laptop with SREK Desk (--db); the client stays checked out until the file is checked in here again.</source>
        <translation>Geschrieben nach %1. Auf dem Laptop mit SREK Desk öffnen (--db); die Klient:in bleibt ausgecheckt, bis die Datei hier wieder eingecheckt wird.</translation>
    </message>
    <message>
        <source>Checked in: %1 changed, %2 new, %3 conflicts decided.</source>
        <translation>Eingecheckt: %1 geändert, %2 neu, %3 Konflikte entschieden.</translation>
    </message>
    <message>
        <source>%1 conflicts are still open; check the file in again to decide them.</source>
        <translation>%1 Konflikte sind noch offen; die Datei erneut einchecken, um sie zu entscheiden.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>New password for %1 (%2). The account will be unlocked, and the person has to choose a new password at the next login.</source>
        <translation>Neues Passwort für %1 (%2). Das Konto wird entsperrt, und die Person muss bei der nächsten Anmeldung ein neues Passwort wählen.</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>Passwort &amp;setzen</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Password check</source>
        <translation>Prüfung des Passworts</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Password a&amp;gain:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Please type the password twice.</source>
        <translation>Bitte das Passwort zweimal eingeben.</translation>
    </message>
    <message>
        <source>Please type the password a second time.</source>
        <translation>Bitte das Passwort ein zweites Mal eingeben.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Die beiden Passwörter sind nicht gleich.</translation>
    </message>
    <message>
        <source>The password meets the rules.</source>
        <translation>Das Passwort erfüllt die Regeln.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Proof of applications</source>
        <translation>Bewerbungsnachweis</translation>
    </message>
    <message>
        <source>&amp;All recorded applications</source>
        <translation>&amp;Alle erfassten Bewerbungen</translation>
    </message>
    <message>
        <source>Applications from</source>
        <translation>Bewerbungen ab</translation>
    </message>
    <message>
        <source>Applications until</source>
        <translation>Bewerbungen bis</translation>
    </message>
    <message>
        <source>Applications whose proposal was made within the period.</source>
        <translation>Bewerbungen, deren Vermittlungsvorschlag in den Zeitraum fällt.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Bis:</translation>
    </message>
</context>
<context>
    <name>PostcodeEdit</name>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Place of the postcode</source>
        <translation>Ort der Postleitzahl</translation>
    </message>
    <message>
        <source>unknown postcode</source>
        <translation>unbekannte Postleitzahl</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print preview</source>
        <translation>Druckvorschau</translation>
    </message>
</context>
<context>
    <name>PrivacyActions</name>
    <message>
        <source>Data &amp;protection</source>
        <translation>&amp;Datenschutz</translation>
    </message>
    <message>
        <source>Export stored data (access request)…</source>
        <translation>Gespeicherte Daten exportieren (Auskunft)…</translation>
    </message>
    <message>
        <source>Restrict processing</source>
        <translation>Verarbeitung einschränken</translation>
    </message>
    <message>
        <source>Shared with the team</source>
        <translation>Für das Team freigegeben</translation>
    </message>
    <message>
        <source>Delete client permanently…</source>
        <translation>Klient:in endgültig löschen…</translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Folder for the access export (PDF and JSON)</source>
        <translation>Ordner für die Auskunft (PDF und JSON)</translation>
    </message>
    <message>
        <source>The export could not be written: %1</source>
        <translation>Die Auskunft konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Written: %1.pdf and %1.json in %2</source>
        <translation>Geschrieben: %1.pdf und %1.json in %2</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>Klient:in löschen</translation>
    </message>
    <message>
        <source>Delete this client with all notes, proposals, follow-ups and printed-sheet records? This cannot be undone. The audit log keeps only a pseudonymous number.</source>
        <translation>Diese Klientin / diesen Klienten mit allen Notizen, Vorschlägen, Wiedervorlagen und Einträgen zu gedruckten Bögen löschen? Das lässt sich nicht rückgängig machen. Das Protokoll behält nur eine pseudonyme Nummer.</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>Bitte die markierten Angaben korrigieren.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes?</source>
        <translation>Die Änderungen speichern?</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <source>Retention periods of the office</source>
        <translation>Löschfristen der Beratungsstelle</translation>
    </message>
    <message>
        <source>deleted after %1 months</source>
        <translation>gelöscht nach %1 Monaten</translation>
    </message>
    <message>
        <source>anonymised after %1 months</source>
        <translation>anonymisiert nach %1 Monaten</translation>
    </message>
    <message>
        <source>Clients without any contact:</source>
        <translation>Klient:innen ohne jeden Kontakt:</translation>
    </message>
    <message>
        <source>Counselling notes:</source>
        <translation>Beratungsnotizen:</translation>
    </message>
    <message>
        <source>Records of printed sheets:</source>
        <translation>Einträge gedruckter Chancenblätter:</translation>
    </message>
    <message>
        <source>Audit log entries:</source>
        <translation>Protokolleinträge:</translation>
    </message>
    <message>
        <source>Contact means any change, note, proposal or printed sheet. The office's data protection officer sets the periods in the configuration (settings retention.*).</source>
        <translation>Kontakt heißt: jede Änderung, Notiz, jeder Vorschlag und jedes gedruckte Chancenblatt. Die Fristen legt die oder der Datenschutzbeauftragte der Beratungsstelle in der Konfiguration fest (Einstellungen retention.*).</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Anonymise now…</source>
        <translation>Jetzt &amp;anonymisieren…</translation>
    </message>
    <message>
        <source>&amp;Delete now…</source>
        <translation>Jetzt &amp;löschen…</translation>
    </message>
    <message>
        <source>Press “Preview” to see what is due; nothing is deleted before you confirm.</source>
        <translation>„Vorschau“ zeigt, was fällig ist. Gelöscht wird erst, wenn Sie bestätigen.</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Clients due</source>
        <translation>Fällige Klient:innen</translation>
    </message>
    <message>
        <source>Looking for what is due …</source>
        <translation>Suche, was fällig ist …</translation>
    </message>
    <message>
        <source>Nothing is due at the moment.</source>
        <translation>Zurzeit ist nichts fällig.</translation>
    </message>
    <message>
        <source>clients to be anonymised</source>
        <translation>Klient:innen zum Anonymisieren</translation>
    </message>
    <message>
        <source>clients to be deleted</source>
        <translation>Klient:innen zum Löschen</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Jetzt fällig</translation>
    </message>
    <message>
        <source>counselling notes</source>
        <translation>Beratungsnotizen</translation>
    </message>
    <message>
        <source>records of printed sheets</source>
        <translation>Einträge gedruckter Chancenblätter</translation>
    </message>
    <message>
        <source>audit log entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Clients to be anonymised (name, contact details, notes and printed sheets are removed; what statistics need stays): %1</source>
        <translation>Klient:innen, die anonymisiert werden (Name, Kontaktdaten, Notizen und gedruckte Chancenblätter werden entfernt; was die Statistik braucht, bleibt): %1</translation>
    </message>
    <message>
        <source>Clients to be deleted with everything stored about them (notes, proposals, printed sheets): %1</source>
        <translation>Klient:innen, die mit allem gelöscht werden, was über sie gespeichert ist (Notizen, Vorschläge, gedruckte Chancenblätter): %1</translation>
    </message>
    <message>
        <source>Further counselling notes to be deleted: %1</source>
        <translation>Weitere Beratungsnotizen, die gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Records of printed sheets to be deleted: %1</source>
        <translation>Einträge gedruckter Chancenblätter, die gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Audit log entries to be deleted: %1</source>
        <translation>Protokolleinträge, die gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Carrying out …</source>
        <translation>Wird ausgeführt …</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>clients anonymised</source>
        <translation>Klient:innen anonymisiert</translation>
    </message>
    <message>
        <source>clients deleted</source>
        <translation>Klient:innen gelöscht</translation>
    </message>
    <message>
        <source>counselling notes deleted</source>
        <translation>Beratungsnotizen gelöscht</translation>
    </message>
    <message>
        <source>records of printed sheets deleted</source>
        <translation>Einträge gedruckter Chancenblätter gelöscht</translation>
    </message>
    <message>
        <source>audit log entries deleted</source>
        <translation>Protokolleinträge gelöscht</translation>
    </message>
    <message>
        <source>This cannot be undone. Carry on?</source>
        <translation>Das lässt sich nicht rückgängig machen. Fortfahren?</translation>
    </message>
    <message>
        <source>Apply retention periods</source>
        <translation>Löschfristen anwenden</translation>
    </message>
    <message>
        <source>Retention periods</source>
        <translation>Löschfristen</translation>
    </message>
</context>
<context>
    <name>RetireQuestion</name>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) of this source are missing from the file and would be deactivated:</source>
        <translation>
            <numerusform>%n Angebot dieser Quelle fehlt in der Datei und würde deaktiviert:</numerusform>
            <numerusform>%n Angebote dieser Quelle fehlen in der Datei und würden deaktiviert:</numerusform>
        </translation>
    </message>
    <message>
        <source>Complete list of the source</source>
        <translation>Vollständige Liste der Quelle</translation>
    </message>
    <message>
        <source>Deactivate them? (No: import the file without deactivating anything.)</source>
        <translation>Deaktivieren? (Nein: Die Datei wird eingelesen, ohne etwas zu deaktivieren.)</translation>
    </message>
</context>
<context>
    <name>RowsTable</name>
    <message>
        <source>Column headers</source>
        <translation>Spaltenköpfe</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Lock window</source>
        <translation>Fenster &amp;sperren</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Ihr Passwort wurde geändert.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Name of the office:</source>
        <translation>Na&amp;me der Beratungsstelle:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Tele&amp;fon:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-M&amp;ail:</translation>
    </message>
    <message>
        <source>&amp;Opening hours:</source>
        <translation>Öffnungs&amp;zeiten:</translation>
    </message>
    <message>
        <source>&amp;Logo (PNG or JPEG):</source>
        <translation>L&amp;ogo (PNG oder JPEG):</translation>
    </message>
    <message>
        <source>Post&amp;code of the office:</source>
        <translation>&amp;Postleitzahl der Beratungsstelle:</translation>
    </message>
    <message>
        <source>Car: &amp;detour factor:</source>
        <translation>Auto: &amp;Umwegfaktor:</translation>
    </message>
    <message>
        <source>Car: &amp;speed (km/h):</source>
        <translation>Auto: T&amp;empo (km/h):</translation>
    </message>
    <message>
        <source>Car: &amp;extra minutes:</source>
        <translation>Auto: Zusatzm&amp;inuten:</translation>
    </message>
    <message>
        <source>Bus and train: d&amp;etour factor:</source>
        <translation>Bus und Bahn: Umwe&amp;gfaktor:</translation>
    </message>
    <message>
        <source>Bus and train: s&amp;peed (km/h):</source>
        <translation>Bus und Bahn: Te&amp;mpo (km/h):</translation>
    </message>
    <message>
        <source>Bus and train: e&amp;xtra minutes:</source>
        <translation>Bus und Bahn: Zusat&amp;zminuten:</translation>
    </message>
    <message>
        <source>Bike: de&amp;tour factor:</source>
        <translation>Fahrrad: U&amp;mwegfaktor:</translation>
    </message>
    <message>
        <source>Bike: spee&amp;d (km/h):</source>
        <translation>Fahrrad: Tem&amp;po (km/h):</translation>
    </message>
    <message>
        <source>Bike: extra m&amp;inutes:</source>
        <translation>Fahrrad: Zusatz&amp;minuten:</translation>
    </message>
    <message>
        <source>On foot: detour f&amp;actor:</source>
        <translation>Zu Fuß: Umwegfa&amp;ktor:</translation>
    </message>
    <message>
        <source>On f&amp;oot: speed (km/h):</source>
        <translation>Zu Fuß: Tempo (km/&amp;h):</translation>
    </message>
    <message>
        <source>On foot: extra mi&amp;nutes:</source>
        <translation>Zu Fuß: Zus&amp;atzminuten:</translation>
    </message>
    <message>
        <source>Bus and train: arrive &amp;by:</source>
        <translation>Bus und Bahn: Ankunft &amp;bis:</translation>
    </message>
    <message>
        <source>&amp;Occupation:</source>
        <translation>Be&amp;ruf:</translation>
    </message>
    <message>
        <source>&amp;Commute:</source>
        <translation>&amp;Arbeitsweg:</translation>
    </message>
    <message>
        <source>&amp;Qualification:</source>
        <translation>&amp;Qualifikation:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>&amp;Beginn:</translation>
    </message>
    <message>
        <source>&amp;Working time:</source>
        <translation>Arbeitsz&amp;eit:</translation>
    </message>
    <message>
        <source>&amp;German level:</source>
        <translation>&amp;Deutschniveau:</translation>
    </message>
    <message>
        <source>&amp;Near misses up to … minutes more:</source>
        <translation>&amp;Knapp daneben bis … Minuten mehr:</translation>
    </message>
    <message>
        <source>Desirable ski&amp;lls:</source>
        <translation>Erw&amp;ünschte Kenntnisse:</translation>
    </message>
    <message>
        <source>Offers are stale when not confirmed for … &amp;days:</source>
        <translation>Angebot &amp;veraltet nach … Tagen ohne Bestätigung:</translation>
    </message>
    <message>
        <source>New chances from a scor&amp;e of:</source>
        <translation>Neue Chancen ab &amp;Passung:</translation>
    </message>
    <message>
        <source>&amp;No contact for … days:</source>
        <translation>&amp;Kein Kontakt seit … Tagen:</translation>
    </message>
    <message>
        <source>&amp;Apprenticeship starts within … days without a placement:</source>
        <translation>&amp;Ausbildungsbeginn in … Tagen, noch ohne Platz:</translation>
    </message>
    <message>
        <source>Proposed offer's deadline w&amp;ithin … days:</source>
        <translation>Frist eines &amp;vorgeschlagenen Angebots endet in … Tagen:</translation>
    </message>
    <message>
        <source>&amp;Offers on a new sheet:</source>
        <translation>&amp;Angebote auf einem neuen Blatt:</translation>
    </message>
    <message>
        <source>&amp;Language of a new sheet:</source>
        <translation>&amp;Sprache eines neuen Blatts:</translation>
    </message>
    <message>
        <source>&amp;Language of the program (after a restart):</source>
        <translation>&amp;Sprache des Programms (nach einem Neustart):</translation>
    </message>
    <message>
        <source>Offer &amp;demo data when the database is empty</source>
        <translation>&amp;Demo-Daten anbieten, wenn die Datenbank leer ist</translation>
    </message>
    <message>
        <source>O&amp;ffice</source>
        <translation>Beratungs&amp;stelle</translation>
    </message>
    <message>
        <source>Commute &amp;times</source>
        <translation>&amp;Fahrzeiten</translation>
    </message>
    <message>
        <source>Matching &amp;weights</source>
        <translation>Ge&amp;wichtung</translation>
    </message>
    <message>
        <source>S&amp;heet</source>
        <translation>&amp;Chancenblatt</translation>
    </message>
    <message>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;gramm</translation>
    </message>
    <message>
        <source>Re&amp;minders</source>
        <translation>Erinner&amp;ungen</translation>
    </message>
    <message>
        <source>&amp;Pathway texts</source>
        <translation>Weg-&amp;Texte</translation>
    </message>
    <message>
        <source>&amp;Related occupations</source>
        <translation>&amp;Nachbarberufe</translation>
    </message>
    <message>
        <source>S&amp;kills</source>
        <translation>Kenntn&amp;isse</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>A&amp;uswählen…</translation>
    </message>
    <message>
        <source>Choose logo</source>
        <translation>Logo wählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>Bitte die markierten Angaben korrigieren.</translation>
    </message>
    <message>
        <source>Saved. Matching and sheets use the new settings now.</source>
        <translation>Gespeichert. Abgleich und Chancenblätter nutzen jetzt die neuen Einstellungen.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Pathway texts</source>
        <translation>Weg-Texte</translation>
    </message>
    <message>
        <source>Text of the step</source>
        <translation>Text des Schritts</translation>
    </message>
    <message>
        <source>Sa&amp;ve text</source>
        <translation>Text spei&amp;chern</translation>
    </message>
    <message>
        <source>Back to the s&amp;hipped texts</source>
        <translation>&amp;Mitgelieferte Texte verwenden</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Placeholders in braces such as {employer} or {deadline} must stay in the text.</source>
        <translation>Platzhalter in geschweiften Klammern wie {employer} oder {deadline} müssen im Text bleiben.</translation>
    </message>
    <message>
        <source>Text saved; new sheets use it.</source>
        <translation>Text gespeichert; neue Chancenblätter verwenden ihn.</translation>
    </message>
    <message>
        <source>Replace all the office's pathway texts by the shipped ones?</source>
        <translation>Alle eigenen Weg-Texte der Beratungsstelle durch die mitgelieferten ersetzen?</translation>
    </message>
    <message>
        <source>The shipped texts are in use again.</source>
        <translation>Die mitgelieferten Texte gelten wieder.</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Beruf</translation>
    </message>
    <message>
        <source>Neighbour</source>
        <translation>Nachbarberuf</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>office</source>
        <translation>Beratungsstelle</translation>
    </message>
    <message>
        <source>project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Related occupations</source>
        <translation>Nachbarberufe</translation>
    </message>
    <message>
        <source>KldB code of the occupation</source>
        <translation>KldB-Kennziffer des Berufs</translation>
    </message>
    <message>
        <source>KldB code of the neighbour</source>
        <translation>KldB-Kennziffer des Nachbarberufs</translation>
    </message>
    <message>
        <source>Why they are related</source>
        <translation>Warum sie verwandt sind</translation>
    </message>
    <message>
        <source>&amp;Add pair</source>
        <translation>Paar hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve pair</source>
        <translation>Paar entf&amp;ernen</translation>
    </message>
    <message>
        <source>O&amp;ccupation:</source>
        <translation>Be&amp;ruf:</translation>
    </message>
    <message>
        <source>Nei&amp;ghbour:</source>
        <translation>Nach&amp;barberuf:</translation>
    </message>
    <message>
        <source>W&amp;hy:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <source>Pair added; matching uses it now.</source>
        <translation>Paar hinzugefügt; der Abgleich nutzt es jetzt.</translation>
    </message>
    <message>
        <source>Pair removed.</source>
        <translation>Paar entfernt.</translation>
    </message>
</context>
<context>
    <name>SheetOutput</name>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>German, plain language</source>
        <translation>Deutsch, einfache Sprache</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>Sheet language</source>
        <translation>Sprache des Chancenblatts</translation>
    </message>
    <message>
        <source>Pseud&amp;onymous (no first name on the sheet)</source>
        <translation>Pse&amp;udonym (kein Vorname auf dem Blatt)</translation>
    </message>
    <message>
        <source>Pseudonymous sheet</source>
        <translation>Pseudonymes Chancenblatt</translation>
    </message>
    <message>
        <source>Save sheet as PDF</source>
        <translation>Chancenblatt als PDF speichern</translation>
    </message>
    <message>
        <source>Not on the sheet because no longer current:</source>
        <translation>Nicht auf dem Blatt, weil nicht mehr aktuell:</translation>
    </message>
    <message>
        <source>The sheet could not be made. Details are in the log file.</source>
        <translation>Das Chancenblatt konnte nicht erstellt werden. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Opportunity sheet</source>
        <translation>Chancenblatt</translation>
    </message>
</context>
<context>
    <name>SkillChecklistModel</name>
    <message>
        <source>Deactivated: kept because the record has it.</source>
        <translation>Deaktiviert: bleibt, weil der Datensatz sie schon hat.</translation>
    </message>
    <message>
        <source>Also: %1</source>
        <translation>Auch: %1</translation>
    </message>
    <message>
        <source>Course: %1</source>
        <translation>Kurs: %1</translation>
    </message>
    <message>
        <source>%1 (deactivated)</source>
        <translation>%1 (deaktiviert)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>No longer in the list</source>
        <translation>Nicht mehr in der Liste</translation>
    </message>
    <message>
        <source>This skill was deleted from the list.</source>
        <translation>Diese Kenntnis wurde aus der Liste gelöscht.</translation>
    </message>
</context>
<context>
    <name>SkillPicker</name>
    <message>
        <source>Search skills, e.g. Stapler, Erste Hilfe…</source>
        <translation>Kenntnis suchen, z. B. Stapler, Erste Hilfe…</translation>
    </message>
    <message>
        <source>Search in %1</source>
        <translation>Suche in %1</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Gewählt: %1</translation>
    </message>
    <message>
        <source>None chosen.</source>
        <translation>Keine gewählt.</translation>
    </message>
</context>
<context>
    <name>SkillTableModel</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n Klient:in</numerusform>
            <numerusform>%n Klient:innen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s)</source>
        <translation>
            <numerusform>%n Angebot</numerusform>
            <numerusform>%n Angebote</numerusform>
        </translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Kenntnis</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Course for the sheet</source>
        <translation>Kurs für das Chancenblatt</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Andere Namen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Verwendet</translation>
    </message>
</context>
<context>
    <name>SkillsTab</name>
    <message>
        <source>Search skills…</source>
        <translation>Kenntnisse durchsuchen…</translation>
    </message>
    <message>
        <source>Search in the skills</source>
        <translation>Suche in den Kenntnissen</translation>
    </message>
    <message>
        <source>Show &amp;deactivated skills</source>
        <translation>Deaktivierte &amp;zeigen</translation>
    </message>
    <message>
        <source>Skills and certificates</source>
        <translation>Kenntnisse und Zertifikate</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>Spaltenköpfe</translation>
    </message>
    <message>
        <source>Name of the skill</source>
        <translation>Bezeichnung der Kenntnis</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>e.g. Staplerschein-Kurs (1–3 Tage)</source>
        <translation>z. B. Staplerschein-Kurs (1–3 Tage)</translation>
    </message>
    <message>
        <source>Course for the sheet</source>
        <translation>Kurs für das Chancenblatt</translation>
    </message>
    <message>
        <source>Other names, one per line</source>
        <translation>Andere Namen, einer je Zeile</translation>
    </message>
    <message>
        <source>Acti&amp;ve (offered in the client and offer editors)</source>
        <translation>Akti&amp;v (bei Klient:innen und Angeboten wählbar)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>Be&amp;reich:</translation>
    </message>
    <message>
        <source>&amp;Course for the sheet:</source>
        <translation>&amp;Kurs für das Chancenblatt:</translation>
    </message>
    <message>
        <source>&amp;Other names (one per line):</source>
        <translation>&amp;Andere Namen (einer je Zeile):</translation>
    </message>
    <message>
        <source>&amp;New skill</source>
        <translation>N&amp;eue Kenntnis</translation>
    </message>
    <message>
        <source>&amp;Save skill</source>
        <translation>Kenntnis &amp;speichern</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>Wie&amp;der aktivieren</translation>
    </message>
    <message>
        <source>A new skill of the office.</source>
        <translation>Eine neue Kenntnis der Beratungsstelle.</translation>
    </message>
    <message>
        <source>In use: %1. It can be deactivated, not deleted.</source>
        <translation>Verwendet: %1. Sie kann deaktiviert, aber nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Shipped with the program: it can be deactivated, not deleted.</source>
        <translation>Mit dem Programm geliefert: sie kann deaktiviert, aber nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Not in use: it can be deleted.</source>
        <translation>Nicht verwendet: sie kann gelöscht werden.</translation>
    </message>
    <message>
        <source>Saved: “%1”.</source>
        <translation>Gespeichert: „%1“.</translation>
    </message>
    <message>
        <source>Deactivated: “%1”.</source>
        <translation>Deaktiviert: „%1“.</translation>
    </message>
    <message>
        <source>Reactivated: “%1”.</source>
        <translation>Wieder aktiviert: „%1“.</translation>
    </message>
    <message>
        <source>Delete skill</source>
        <translation>Kenntnis löschen</translation>
    </message>
    <message>
        <source>Delete “%1” from the list?</source>
        <translation>„%1“ aus der Liste löschen?</translation>
    </message>
    <message>
        <source>Deleted: “%1”.</source>
        <translation>Gelöscht: „%1“.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The backup was restored. SREK Desk closes now; please start it again.</source>
        <translation>Die Sicherung wurde wiederhergestellt. SREK Desk wird jetzt beendet; bitte starten Sie es neu.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Proposals by status and month</source>
        <translation>Vorschläge nach Stand und Monat</translation>
    </message>
    <message>
        <source>Active offers by state</source>
        <translation>Aktive Angebote nach Bundesland</translation>
    </message>
    <message>
        <source>Active offers by type</source>
        <translation>Aktive Angebote nach Art</translation>
    </message>
    <message>
        <source>Active offers by occupational area</source>
        <translation>Aktive Angebote nach Berufsbereich</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Vermittlungsvorschläge</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>insgesamt</translation>
    </message>
    <message>
        <source>across a state border</source>
        <translation>über eine Landesgrenze</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>E&amp;xport as CSV…</source>
        <translation>Als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Counts from 1 to %1 are shown as “&lt;5” and drawn as 0, so that no small group can be traced back to people.</source>
        <translation>Anzahlen von 1 bis %1 erscheinen als „&lt;5“ und im Diagramm als 0, damit keine kleine Gruppe auf Personen schließen lässt.</translation>
    </message>
    <message>
        <source>Chart: active offers by state</source>
        <translation>Diagramm: aktive Angebote nach Bundesland</translation>
    </message>
    <message>
        <source>Chart: active offers by type</source>
        <translation>Diagramm: aktive Angebote nach Art</translation>
    </message>
    <message>
        <source>Chart: active offers by occupational area</source>
        <translation>Diagramm: aktive Angebote nach Berufsbereich</translation>
    </message>
    <message>
        <source>Chart: proposals by status and month</source>
        <translation>Diagramm: Vorschläge nach Stand und Monat</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>All figures</source>
        <translation>Alle Zahlen</translation>
    </message>
    <message>
        <source>Proposals: %1, of them across a state border: %2 · Placements: %3, of them across a state border: %4</source>
        <translation>Vermittlungsvorschläge: %1, davon über eine Landesgrenze: %2 · Zusagen: %3, davon über eine Landesgrenze: %4</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Statistik exportieren</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Search in %1</source>
        <translation>Suche in %1</translation>
    </message>
    <message>
        <source>Number of rows</source>
        <translation>Anzahl der Zeilen</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>Spaltenköpfe</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>no rows</source>
        <translation>keine Zeilen</translation>
    </message>
</context>
<context>
    <name>TimetableBox</name>
    <message>
        <source>Timetable (GTFS)</source>
        <translation>Fahrplan (GTFS)</translation>
    </message>
    <message>
        <source>&amp;Load timetable…</source>
        <translation>Fahrplan &amp;laden…</translation>
    </message>
</context>
<context>
    <name>TimetableDialog</name>
    <message>
        <source>Choose timetable (GTFS)</source>
        <translation>Fahrplan wählen (GTFS)</translation>
    </message>
    <message>
        <source>GTFS feeds (*.zip)</source>
        <translation>GTFS-Fahrpläne (*.zip)</translation>
    </message>
    <message>
        <source>Choose the folder of an unpacked GTFS feed</source>
        <translation>Ordner eines entpackten GTFS-Fahrplans wählen</translation>
    </message>
    <message>
        <source>Timetable</source>
        <translation>Fahrplan</translation>
    </message>
    <message>
        <source>With a timetable, matching takes bus-and-train minutes from real connections instead of estimating them. Load the GTFS feed of your transport association (a .zip file or an unpacked folder); it replaces the timetable loaded before.</source>
        <translation>Mit einem Fahrplan nimmt der Abgleich die Fahrzeiten mit Bus und Bahn aus echten Verbindungen, statt sie zu schätzen. Geladen wird der GTFS-Fahrplan des Verkehrsverbunds (eine .zip-Datei oder ein entpackter Ordner); er ersetzt den bisher geladenen Fahrplan.</translation>
    </message>
    <message>
        <source>&amp;Remove timetable…</source>
        <translation>Fahrplan ent&amp;fernen…</translation>
    </message>
    <message>
        <source>Loaded timetable</source>
        <translation>Geladener Fahrplan</translation>
    </message>
    <message>
        <source>Load .&amp;zip file…</source>
        <translation>&amp;ZIP-Datei laden…</translation>
    </message>
    <message>
        <source>Load &amp;folder…</source>
        <translation>&amp;Ordner laden…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Report of the load</source>
        <translation>Bericht des Ladens</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Loading the timetable from %1…</source>
        <translation>Fahrplan wird aus %1 geladen…</translation>
    </message>
    <message>
        <source>Loading the timetable failed. Details are in the log file.</source>
        <translation>Das Laden des Fahrplans ist fehlgeschlagen. Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>The timetable loaded before stays in use.</source>
        <translation>Der bisher geladene Fahrplan bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>No timetable is loaded; bus-and-train minutes stay estimated.</source>
        <translation>Es ist kein Fahrplan geladen; Fahrzeiten mit Bus und Bahn bleiben geschätzt.</translation>
    </message>
    <message>
        <source>Remove timetable</source>
        <translation>Fahrplan entfernen</translation>
    </message>
    <message>
        <source>Remove the timetable? Matching then estimates bus-and-train minutes again (or takes them from the office's travel-time table).</source>
        <translation>Den Fahrplan entfernen? Der Abgleich schätzt die Fahrzeiten mit Bus und Bahn dann wieder (oder nimmt sie aus der Fahrzeittabelle der Beratungsstelle).</translation>
    </message>
    <message>
        <source>The timetable was removed.</source>
        <translation>Der Fahrplan wurde entfernt.</translation>
    </message>
    <message>
        <source>No timetable loaded: bus-and-train minutes are estimated.</source>
        <translation>Kein Fahrplan geladen: Fahrzeiten mit Bus und Bahn werden geschätzt.</translation>
    </message>
    <message>
        <source>Timetable: %1, valid %2 to %3</source>
        <translation>Fahrplan: %1, gültig vom %2 bis %3</translation>
    </message>
    <message>
        <source>No timetable is loaded. Bus-and-train minutes are estimated from the distance (marked “ca.”) or taken from the office's travel-time table.</source>
        <translation>Kein Fahrplan geladen. Fahrzeiten mit Bus und Bahn werden aus der Entfernung geschätzt (mit „ca.“ gekennzeichnet) oder aus der Fahrzeittabelle der Beratungsstelle genommen.</translation>
    </message>
    <message>
        <source>Publisher:</source>
        <translation>Herausgeber:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Loaded from:</source>
        <translation>Geladen aus:</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>Umfang:</translation>
    </message>
    <message>
        <source>%1 stops, %2 lines, %3 trips, %4 stop times</source>
        <translation>%1 Haltestellen, %2 Linien, %3 Fahrten, %4 Halte</translation>
    </message>
    <message>
        <source>Timetable data: %1, valid %2 to %3.</source>
        <translation>Fahrplandaten: %1, gültig vom %2 bis %3.</translation>
    </message>
    <message>
        <source>Timetable “%1” loaded: %2 stops, %3 lines, %4 trips, %5 stop times.</source>
        <translation>Fahrplan „%1“ geladen: %2 Haltestellen, %3 Linien, %4 Fahrten, %5 Halte.</translation>
    </message>
    <message>
        <source>Valid %1 to %2; publisher: %3.</source>
        <translation>Gültig vom %1 bis %2; Herausgeber: %3.</translation>
    </message>
    <message>
        <source>Kept: the stops within %1 km of the office (%2 stops outside).</source>
        <translation>Übernommen: die Haltestellen bis %1 km um die Beratungsstelle (%2 Haltestellen lagen außerhalb).</translation>
    </message>
    <message>
        <source>Matching takes bus-and-train minutes from it from now on.</source>
        <translation>Der Abgleich nimmt die Fahrzeiten mit Bus und Bahn ab jetzt aus diesem Fahrplan.</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>New chances</source>
        <translation>Neue Chancen</translation>
    </message>
    <message>
        <source>Show c&amp;hances…</source>
        <translation>C&amp;hancen zeigen…</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Open clie&amp;nt</source>
        <translation>Kl&amp;ient:in öffnen</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Zu tun</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Fällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Mark as d&amp;one</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>Open c&amp;lient…</source>
        <translation>Klient:in ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>Kundennr.</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Recent clients</source>
        <translation>Zuletzt bearbeitete Klient:innen</translation>
    </message>
    <message>
        <source>Find off&amp;ers</source>
        <translation>&amp;Angebote finden</translation>
    </message>
    <message>
        <source>Apply by</source>
        <translation>Bewerben bis</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeitgeber</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Offers expiring soon</source>
        <translation>Bald ablaufende Angebote</translation>
    </message>
    <message>
        <source>Matching clien&amp;ts…</source>
        <translation>Passende &amp;Klient:innen…</translation>
    </message>
    <message>
        <source>New chances since the last contact</source>
        <translation>Neue Chancen seit dem letzten Kontakt</translation>
    </message>
    <message>
        <source>Offers expiring within two weeks</source>
        <translation>Angebote, deren Bewerbungsfrist in zwei Wochen endet</translation>
    </message>
    <message>
        <source>Latest import</source>
        <translation>Letzter Import</translation>
    </message>
    <message>
        <source>No import yet.</source>
        <translation>Noch kein Import.</translation>
    </message>
    <message>
        <source>%1 from %2, %3</source>
        <translation>%1 aus %2, %3</translation>
    </message>
    <message>
        <source>%1 rows: %2 new, %3 updated, %4 deactivated, %5 with errors</source>
        <translation>%1 Zeilen: %2 neu, %3 aktualisiert, %4 deaktiviert, %5 mit Fehlern</translation>
    </message>
    <message>
        <source>Load a new one: Settings › Commute times › Load timetable…</source>
        <translation>Einen neuen laden: Einstellungen › Fahrzeiten › Fahrplan laden…</translation>
    </message>
    <message>
        <source>No contact</source>
        <translation>Kein Kontakt</translation>
    </message>
    <message>
        <source>Apprenticeship start</source>
        <translation>Ausbildungsbeginn</translation>
    </message>
    <message>
        <source>Application deadline</source>
        <translation>Bewerbungsfrist</translation>
    </message>
    <message numerus="yes">
        <source>No contact recorded yet (client for %n day(s))</source>
        <translation>
            <numerusform>Noch kein Kontakt erfasst (seit %n Tag in der Beratung)</numerusform>
            <numerusform>Noch kein Kontakt erfasst (seit %n Tagen in der Beratung)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No contact for %n day(s), last on %1</source>
        <translation>
            <numerusform>Seit %n Tag kein Kontakt, zuletzt am %1</numerusform>
            <numerusform>Seit %n Tagen kein Kontakt, zuletzt am %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%2” starts on %1 (in %n day(s)), no placement yet</source>
        <translation>
            <numerusform>„%2“ beginnt am %1 (in %n Tag), noch keine Zusage</numerusform>
            <numerusform>„%2“ beginnt am %1 (in %n Tagen), noch keine Zusage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The apprenticeship year starts on %1 (in %n day(s)), no placement yet</source>
        <translation>
            <numerusform>Das Ausbildungsjahr beginnt am %1 (in %n Tag), noch keine Zusage</numerusform>
            <numerusform>Das Ausbildungsjahr beginnt am %1 (in %n Tagen), noch keine Zusage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply for “%2” by %1 (in %n day(s))</source>
        <translation>
            <numerusform>Bewerbung für „%2“ bis %1 (in %n Tag)</numerusform>
            <numerusform>Bewerbung für „%2“ bis %1 (in %n Tagen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>SREK Desk – locked</source>
        <translation>SREK Desk – gesperrt</translation>
    </message>
    <message>
        <source>&amp;Quit SREK Desk</source>
        <translation>SREK Desk &amp;beenden</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Own clients, clients shared with the team and clients without a counsellor</source>
        <translation>Eigene Klient:innen, mit dem Team geteilte und solche ohne Berater:in</translation>
    </message>
    <message>
        <source>All clients, statistics and the audit log</source>
        <translation>Alle Klient:innen, die Statistik und das Protokoll</translation>
    </message>
    <message>
        <source>Accounts, settings, retention periods, backups and the audit log</source>
        <translation>Konten, Einstellungen, Löschfristen, Sicherungen und das Protokoll</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Change account</source>
        <translation>Konto bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>Konto an&amp;legen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>e.g. a.schmidt</source>
        <translation>z. B. a.schmidt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Account is &amp;active (may log in)</source>
        <translation>Konto ist a&amp;ktiv (darf sich anmelden)</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>Rollen:</translation>
    </message>
    <message>
        <source>Tell the person the password directly, never by e-mail.</source>
        <translation>Teilen Sie der Person das Passwort direkt mit, nie per E-Mail.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Login name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Gesperrt bis</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Konten der Mitarbeitenden</translation>
    </message>
    <message>
        <source>&amp;New account…</source>
        <translation>&amp;Neues Konto…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>&amp;Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Accounts are never deleted, because the audit log names them; an account that is no longer needed is set to inactive.</source>
        <translation>Konten werden nie gelöscht, weil das Protokoll sie nennt. Ein Konto, das nicht mehr gebraucht wird, wird auf inaktiv gesetzt.</translation>
    </message>
    <message>
        <source>Account %1 created.</source>
        <translation>Konto %1 angelegt.</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>Konto %1 gespeichert.</translation>
    </message>
    <message>
        <source>New password set for %1; the account is unlocked. At the next login the person chooses their own password.</source>
        <translation>Neues Passwort für %1 gesetzt; das Konto ist entsperrt. Bei der nächsten Anmeldung wählt die Person ein eigenes Passwort.</translation>
    </message>
    <message>
        <source>Unlock account</source>
        <translation>Konto entsperren</translation>
    </message>
    <message>
        <source>Account %1 unlocked.</source>
        <translation>Konto %1 entsperrt.</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>New counselling</source>
        <translation>Neue Beratung</translation>
    </message>
    <message>
        <source>A few details are enough to find offers. Only the postcode and at least one interest are needed.</source>
        <translation>Wenige Angaben genügen, um Angebote zu finden. Nötig sind nur die Postleitzahl und mindestens ein Interesse.</translation>
    </message>
    <message>
        <source>First name (optional)</source>
        <translation>Vorname (freiwillig)</translation>
    </message>
    <message>
        <source>School qualification</source>
        <translation>Schulabschluss</translation>
    </message>
    <message>
        <source>(not stated)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <source>&amp;Bus and train</source>
        <translation>Bus und &amp;Bahn</translation>
    </message>
    <message>
        <source>Bi&amp;ke</source>
        <translation>Fahr&amp;rad</translation>
    </message>
    <message>
        <source>Own c&amp;ar</source>
        <translation>Eigenes &amp;Auto</translation>
    </message>
    <message>
        <source>Maximum commute in minutes</source>
        <translation>Längster Arbeitsweg in Minuten</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>höchstens</translation>
    </message>
    <message>
        <source>First &amp;name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Postcode:</source>
        <translation>&amp;Postleitzahl:</translation>
    </message>
    <message>
        <source>&amp;Interests:</source>
        <translation>&amp;Interessen:</translation>
    </message>
    <message>
        <source>&amp;School qualification:</source>
        <translation>&amp;Schulabschluss:</translation>
    </message>
    <message>
        <source>Mobility:</source>
        <translation>Mobilität:</translation>
    </message>
    <message>
        <source>&amp;Find offers</source>
        <translation>Angebote &amp;finden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Please enter a valid postcode.</source>
        <translation>Bitte eine gültige Postleitzahl eingeben.</translation>
    </message>
    <message>
        <source>Please choose at least one interest.</source>
        <translation>Bitte mindestens ein Interesse wählen.</translation>
    </message>
    <message>
        <source>Matching offers</source>
        <translation>Passende Angebote</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>Vors&amp;chau…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Als PDF spe&amp;ichern…</translation>
    </message>
    <message>
        <source>Fi&amp;nish</source>
        <translation>Fer&amp;tig</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Offers for %1</source>
        <translation>Angebote für %1</translation>
    </message>
    <message>
        <source>Offers found</source>
        <translation>Gefundene Angebote</translation>
    </message>
    <message>
        <source>The best ones are picked; click a row to add or remove it.</source>
        <translation>Die besten sind ausgewählt; ein Klick auf eine Zeile nimmt sie dazu oder heraus.</translation>
    </message>
    <message>
        <source>Nothing fits yet. Go back and widen the interests or the commute.</source>
        <translation>Noch passt nichts. Gehen Sie zurück und erweitern Sie die Interessen oder den Arbeitsweg.</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) picked for the sheet</source>
        <translation>
            <numerusform>%n Angebot für das Chancenblatt ausgewählt</numerusform>
            <numerusform>%n Angebote für das Chancenblatt ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>The sheet is recorded and its offers are proposed. Press Done to finish.</source>
        <translation>Das Chancenblatt ist erfasst und seine Angebote sind vorgeschlagen. Mit „Fertig“ abschließen.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
</TS>