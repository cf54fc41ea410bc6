<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
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
        <translation>Umzugsbereit</translation>
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
    <name>ClientsPage</name>
    <message>
        <source>Clients</source>
        <translation>Klient:innen</translation>
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
        <source>Clients</source>
        <translation>Klient:innen</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
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
        <translation>PLZ</translation>
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
        <translation>Bewerbung bis</translation>
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
        <source>About SREK Desk</source>
        <translation>Über SREK Desk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SREK Desk %1&lt;/h3&gt;&lt;p&gt;Apprenticeships and jobs across the borders of Hessen, Niedersachsen, Nordrhein-Westfalen and Thüringen.&lt;/p&gt;&lt;p&gt;Postcode data: GeoNames (CC BY 4.0) and others, see the attribution file.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SREK Desk %1&lt;/h3&gt;&lt;p&gt;Ausbildung und Arbeit über die Grenzen von Hessen, Niedersachsen, Nordrhein-Westfalen und Thüringen hinweg.&lt;/p&gt;&lt;p&gt;Postleitzahldaten: GeoNames (CC BY 4.0) und weitere, siehe Quellenangaben.&lt;/p&gt;</translation>
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
</TS>