<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nuevo</translation>
    </message>
    <message>
        <source>Start a new design</source>
        <translation>Empezar un diseño nuevo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open a design</source>
        <translation>Abrir un diseño</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the design</source>
        <translation>Guardar el diseño</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>Save the design under a new name</source>
        <translation>Guardar el diseño con otro nombre</translation>
    </message>
    <message>
        <source>&amp;Diagram (PNG, SVG, PDF)…</source>
        <translation>&amp;Diagrama (PNG, SVG, PDF)…</translation>
    </message>
    <message>
        <source>Export the diagram, with a legend and a title block</source>
        <translation>Exportar el diagrama, con leyenda y cajetín</translation>
    </message>
    <message>
        <source>Port &amp;Matrix…</source>
        <translation>&amp;Matriz de puertos…</translation>
    </message>
    <message>
        <source>Export every flow: ports, authentication, encryption (XLSX, CSV, Markdown, HTML, JSON)</source>
        <translation>Exportar todos los flujos: puertos, autenticación, cifrado (XLSX, CSV, Markdown, HTML, JSON)</translation>
    </message>
    <message>
        <source>&amp;Firewall Rules…</source>
        <translation>Reglas de &amp;firewall…</translation>
    </message>
    <message>
        <source>Export the firewall rules of each zone boundary, or draft Windows Firewall and nftables scripts</source>
        <translation>Exportar las reglas de firewall de cada límite entre zonas, o borradores de scripts de Firewall de Windows y nftables</translation>
    </message>
    <message>
        <source>&amp;Report (PDF, HTML)…</source>
        <translation>&amp;Informe (PDF, HTML)…</translation>
    </message>
    <message>
        <source>Export a report for stakeholders: diagram, boundaries, matrix, findings, sources</source>
        <translation>Exportar un informe para las partes interesadas: diagrama, límites entre zonas, matriz, observaciones y fuentes</translation>
    </message>
    <message>
        <source>&amp;Present</source>
        <translation>&amp;Presentar</translation>
    </message>
    <message>
        <source>Present the design full screen, one scenario at a time (Esc leaves)</source>
        <translation>Presentar el diseño a pantalla completa, un escenario tras otro (Esc para salir)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cor&amp;tar</translation>
    </message>
    <message>
        <source>Cut the selection</source>
        <translation>Cortar la selección</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy the selection</source>
        <translation>Copiar la selección</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Pegar</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplicar</translation>
    </message>
    <message>
        <source>Duplicate the selection</source>
        <translation>Duplicar la selección</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Delete the selection</source>
        <translation>Eliminar la selección</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Seleccionar t&amp;odo</translation>
    </message>
    <message>
        <source>Select everything</source>
        <translation>Seleccionarlo todo</translation>
    </message>
    <message>
        <source>Auto&amp;save Interval…</source>
        <translation>&amp;Intervalo de autoguardado…</translation>
    </message>
    <message>
        <source>How often unsaved work is saved for recovery after a crash</source>
        <translation>Cada cuánto se guarda una copia del trabajo sin guardar para recuperarlo tras un bloqueo</translation>
    </message>
    <message>
        <source>Add &amp;Zone</source>
        <translation>Añadir &amp;zona</translation>
    </message>
    <message>
        <source>Add a zone (a second DMZ, a branch site, a voice VLAN…)</source>
        <translation>Añadir una zona (una segunda DMZ, una sucursal, una VLAN de voz…)</translation>
    </message>
    <message>
        <source>&amp;Select Tool</source>
        <translation>Herramienta de &amp;selección</translation>
    </message>
    <message>
        <source>Select, move and resize (Esc in the Connect tool returns here)</source>
        <translation>Seleccionar, mover y redimensionar (Esc en la herramienta Conectar vuelve aquí)</translation>
    </message>
    <message>
        <source>&amp;Connect Tool</source>
        <translation>Herramienta de &amp;conexión</translation>
    </message>
    <message>
        <source>Drag from one node to another to connect them (or drag from a node&apos;s + handle)</source>
        <translation>Arrastre de un nodo a otro para conectarlos (o arrastre desde el asa + de un nodo)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>Tamaño &amp;real</translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation>Zoom al 100 %</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>Ajustar a la &amp;ventana</translation>
    </message>
    <message>
        <source>Show the whole design</source>
        <translation>Mostrar el diseño completo</translation>
    </message>
    <message>
        <source>Show &amp;Grid</source>
        <translation>Mostrar &amp;cuadrícula</translation>
    </message>
    <message>
        <source>Show the grid</source>
        <translation>Mostrar la cuadrícula</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>Aj&amp;ustar a la cuadrícula</translation>
    </message>
    <message>
        <source>Snap moved items to the grid</source>
        <translation>Ajustar a la cuadrícula los elementos que se mueven</translation>
    </message>
    <message>
        <source>&amp;Knowledge Base</source>
        <translation>&amp;Base de conocimiento</translation>
    </message>
    <message>
        <source>Search the knowledge base by port, role, service and version, with the Microsoft source of every entry</source>
        <translation>Buscar en la base de conocimiento por puerto, rol, servicio y versión, con la fuente de Microsoft de cada entrada</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>About Exchange Topology Designer</source>
        <translation>Acerca de Exchange Topology Designer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Insertar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
</context>
<context>
    <name>AddressFields</name>
    <message>
        <source>IPv4 or IPv6 addresses or subnets, separated by commas</source>
        <translation>Direcciones o subredes IPv4 o IPv6, separadas por comas</translation>
    </message>
    <message>
        <source>FQDN</source>
        <translation>FQDN</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Direcciones</translation>
    </message>
    <message>
        <source>a datacenter, e.g. DC1</source>
        <translation>un centro de datos, p. ej. DC1</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 subnets (CIDR), separated by commas</source>
        <translation>Subredes IPv4 o IPv6 (CIDR), separadas por comas</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Sitio</translation>
    </message>
    <message>
        <source>Subnets</source>
        <translation>Subredes</translation>
    </message>
    <message>
        <source>Not an address or subnet: {entries}</source>
        <translation>No es una dirección ni una subred: {entries}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Restored unsaved work; {file} was not opened</source>
        <translation>Se ha restaurado el trabajo sin guardar; no se ha abierto {file}</translation>
    </message>
    <message>
        <source>A new design was started instead.</source>
        <translation>En su lugar se ha empezado un diseño nuevo.</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Cambiado</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Clear Comparison</source>
        <translation>Borrar comparación</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Qué cambió</translation>
    </message>
    <message>
        <source>Compared with {file}: {name}, Exchange {version}.</source>
        <translation>Comparado con {file}: {name}, Exchange {version}.</translation>
    </message>
    <message>
        <source>The designs are on different Exchange versions ({old} → {new}): each follows its own version&apos;s data paths.</source>
        <translation>Los diseños son de versiones distintas de Exchange ({old} → {new}): cada uno sigue las rutas de datos de su propia versión.</translation>
    </message>
    <message>
        <source>No change: the same flows, rules and elements.</source>
        <translation>Sin cambios: los mismos flujos, reglas y elementos.</translation>
    </message>
    <message>
        <source>Firewall rules ({count})</source>
        <translation>Reglas de firewall ({count})</translation>
    </message>
    <message>
        <source>Flows ({count})</source>
        <translation>Flujos ({count})</translation>
    </message>
    <message>
        <source>Zones, nodes and connections ({count})</source>
        <translation>Zonas, nodos y conexiones ({count})</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Diseño</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Compare &amp;With…</source>
        <translation>Com&amp;parar con…</translation>
    </message>
    <message>
        <source>Show what changes from another design to this one: firewall rules, flows, nodes and lines</source>
        <translation>Mostrar qué cambia de otro diseño a este: reglas de firewall, flujos, nodos y líneas</translation>
    </message>
    <message>
        <source>C&amp;lear Comparison</source>
        <translation>&amp;Borrar comparación</translation>
    </message>
    <message>
        <source>Compare with design</source>
        <translation>Comparar con el diseño</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>No se puede comparar</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
</context>
<context>
    <name>ConnectionItem</name>
    <message>
        <source>no data path</source>
        <translation>sin ruta de datos</translation>
    </message>
    <message>
        <source>+{count} more (hover for all)</source>
        <translation>+{count} más (pase el ratón para verlos todos)</translation>
    </message>
</context>
<context>
    <name>Deliverables</name>
    <message>
        <source>Excel workbook</source>
        <translation>Libro de Excel</translation>
    </message>
    <message>
        <source>Windows Firewall draft (PowerShell)</source>
        <translation>Borrador de Firewall de Windows (PowerShell)</translation>
    </message>
    <message>
        <source>nftables draft</source>
        <translation>Borrador de nftables</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>Documento PDF</translation>
    </message>
    <message>
        <source>HTML page</source>
        <translation>Página HTML</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Imagen PNG</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>Dibujo SVG</translation>
    </message>
    <message>
        <source>draw.io diagram</source>
        <translation>Diagrama de draw.io</translation>
    </message>
    <message>
        <source>Visio drawing</source>
        <translation>Dibujo de Visio</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>Exportar diagrama</translation>
    </message>
    <message>
        <source>Cannot export the diagram</source>
        <translation>No se puede exportar el diagrama</translation>
    </message>
    <message>
        <source>Exported the diagram to {path}</source>
        <translation>Diagrama exportado a {path}</translation>
    </message>
    <message>
        <source>Export port matrix</source>
        <translation>Exportar matriz de puertos</translation>
    </message>
    <message>
        <source>port matrix</source>
        <comment>file name</comment>
        <translation>matriz de puertos</translation>
    </message>
    <message>
        <source>Cannot export the port matrix</source>
        <translation>No se puede exportar la matriz de puertos</translation>
    </message>
    <message>
        <source>Exported the port matrix to {path}</source>
        <translation>Matriz de puertos exportada a {path}</translation>
    </message>
    <message>
        <source>Export firewall rules</source>
        <translation>Exportar reglas de firewall</translation>
    </message>
    <message>
        <source>firewall rules</source>
        <comment>file name</comment>
        <translation>reglas de firewall</translation>
    </message>
    <message>
        <source>Cannot export the firewall rules</source>
        <translation>No se pueden exportar las reglas de firewall</translation>
    </message>
    <message>
        <source>Exported the firewall rules to {path}</source>
        <translation>Reglas de firewall exportadas a {path}</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>report</source>
        <comment>file name</comment>
        <translation>informe</translation>
    </message>
    <message>
        <source>Cannot export the report</source>
        <translation>No se puede exportar el informe</translation>
    </message>
    <message>
        <source>Exported the report to {path}</source>
        <translation>Informe exportado a {path}</translation>
    </message>
</context>
<context>
    <name>Diagram</name>
    <message>
        <source>+{count} more (all in the port matrix)</source>
        <translation>+{count} más (todos en la matriz de puertos)</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <source>Perimeter network (DMZ)</source>
        <translation>Red perimetral (DMZ)</translation>
    </message>
    <message>
        <source>Internal network</source>
        <translation>Red interna</translation>
    </message>
    <message>
        <source>Untitled design</source>
        <translation>Diseño sin título</translation>
    </message>
    <message>
        <source>the design has no file name yet</source>
        <translation>el diseño aún no tiene nombre de archivo</translation>
    </message>
    <message>
        <source>cannot write: {error}</source>
        <translation>no se puede escribir: {error}</translation>
    </message>
    <message>
        <source>Add zone {zone}</source>
        <translation>Añadir la zona {zone}</translation>
    </message>
    <message>
        <source>Resize zone {zone}</source>
        <translation>Cambiar el tamaño de la zona {zone}</translation>
    </message>
    <message>
        <source>Change zone {zone}</source>
        <translation>Modificar la zona {zone}</translation>
    </message>
    <message>
        <source>add a zone first: every node belongs to a zone</source>
        <translation>añada antes una zona: cada nodo pertenece a una zona</translation>
    </message>
    <message>
        <source>Add {node}</source>
        <translation>Añadir {node}</translation>
    </message>
    <message>
        <source>Rename {node}</source>
        <translation>Cambiar el nombre de {node}</translation>
    </message>
    <message>
        <source>Change addresses of {node}</source>
        <translation>Cambiar las direcciones de {node}</translation>
    </message>
    <message>
        <source>Change role of {node}</source>
        <translation>Cambiar el rol de {node}</translation>
    </message>
    <message>
        <source>Change version of {node}</source>
        <translation>Cambiar la versión de {node}</translation>
    </message>
    <message>
        <source>Change members of {node}</source>
        <translation>Cambiar los miembros de {node}</translation>
    </message>
    <message>
        <source>Move {item}</source>
        <translation>Mover {item}</translation>
    </message>
    <message>
        <source>Move {count} items</source>
        <translation>Mover {count} elementos</translation>
    </message>
    <message>
        <source>Connect {a} → {b}</source>
        <translation>Conectar {a} → {b}</translation>
    </message>
    <message>
        <source>Change services of {connection}</source>
        <translation>Cambiar los servicios de {connection}</translation>
    </message>
    <message>
        <source>Rename design</source>
        <translation>Cambiar el nombre del diseño</translation>
    </message>
    <message>
        <source>Switch to Exchange {version}</source>
        <translation>Cambiar a Exchange {version}</translation>
    </message>
    <message>
        <source>Paste 1 item</source>
        <translation>Pegar 1 elemento</translation>
    </message>
    <message>
        <source>Paste {count} items</source>
        <translation>Pegar {count} elementos</translation>
    </message>
    <message>
        <source>Delete {item}</source>
        <translation>Eliminar {item}</translation>
    </message>
    <message>
        <source>Delete {count} items</source>
        <translation>Eliminar {count} elementos</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation>Algo ha fallado</translation>
    </message>
    <message>
        <source>The designer hit an unexpected error:
{error}</source>
        <translation>El diseñador ha sufrido un error inesperado:
{error}</translation>
    </message>
    <message>
        <source>Your design was autosaved; if the designer stops, it is offered back at the next start.</source>
        <translation>Su diseño se ha guardado automáticamente; si el diseñador se cierra, se le ofrecerá de nuevo en el próximo inicio.</translation>
    </message>
    <message>
        <source>You can keep working, but saving soon is wise.</source>
        <translation>Puede seguir trabajando, pero conviene guardar pronto.</translation>
    </message>
    <message>
        <source>The details are in {log}. Copy Details puts them on the clipboard for a bug report.</source>
        <translation>Los detalles están en {log}. «Copiar detalles» los copia al portapapeles para un informe de error.</translation>
    </message>
    <message>
        <source>Copy Details</source>
        <translation>Copiar detalles</translation>
    </message>
</context>
<context>
    <name>ExportDiagramDialog</name>
    <message>
        <source>PNG image</source>
        <translation>Imagen PNG</translation>
    </message>
    <message>
        <source>SVG drawing (vector)</source>
        <translation>Dibujo SVG (vectorial)</translation>
    </message>
    <message>
        <source>PDF document (vector)</source>
        <translation>Documento PDF (vectorial)</translation>
    </message>
    <message>
        <source>draw.io diagram (editable)</source>
        <translation>Diagrama de draw.io (editable)</translation>
    </message>
    <message>
        <source>Visio drawing (editable)</source>
        <translation>Dibujo de Visio (editable)</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>Oficio</translation>
    </message>
    <message>
        <source>Tabloid</source>
        <translation>Tabloide</translation>
    </message>
    <message>
        <source>Export Diagram</source>
        <translation>Exportar diagrama</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Tamaño de la imagen</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> ppp</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Página</translation>
    </message>
    <message>
        <source>Readable (A4, A3 or an A4 atlas)</source>
        <translation>Legible (A4, A3 o un atlas de páginas A4)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Horizontal</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Vertical</translation>
    </message>
    <message>
        <source>Fit the diagram to the page</source>
        <translation>Ajustar el diagrama a la página</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Tamaño:</translation>
    </message>
    <message>
        <source>Orientation:</source>
        <translation>Orientación:</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Incluir</translation>
    </message>
    <message>
        <source>The whole design</source>
        <translation>Todo el diseño</translation>
    </message>
    <message>
        <source>The selection only</source>
        <translation>Solo la selección</translation>
    </message>
    <message>
        <source>The canvas grid</source>
        <translation>La cuadrícula del lienzo</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Exchange topology (*.yaml *.yml);;All files (*)</source>
        <translation>Topología de Exchange (*.yaml *.yml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved.
Save them first?</source>
        <translation>«{name}» tiene cambios sin guardar.
¿Desea guardarlos antes?</translation>
    </message>
    <message>
        <source>Cannot open the template</source>
        <translation>No se puede abrir la plantilla</translation>
    </message>
    <message>
        <source>Open design</source>
        <translation>Abrir diseño</translation>
    </message>
    <message>
        <source>Cannot open the design</source>
        <translation>No se puede abrir el diseño</translation>
    </message>
    <message>
        <source>Save design as</source>
        <translation>Guardar diseño como</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>¿Reemplazar el archivo?</translation>
    </message>
    <message>
        <source>“{name}” already exists. Replace it?</source>
        <translation>«{name}» ya existe. ¿Reemplazarlo?</translation>
    </message>
    <message>
        <source>Cannot save the design</source>
        <translation>No se puede guardar el diseño</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>internal</source>
        <translation>interna</translation>
    </message>
    <message>
        <source>perimeter</source>
        <translation>perimetral</translation>
    </message>
    <message>
        <source>internet</source>
        <translation>de Internet</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>nube</translation>
    </message>
    <message>
        <source>{node}: the knowledge base has no role {role!r}.</source>
        <translation>{node}: la base de conocimiento no tiene ningún rol {role!r}.</translation>
    </message>
    <message>
        <source>{node}: {reason}</source>
        <translation>{node}: {reason}</translation>
    </message>
    <message>
        <source>{node}: {role} does not exist in Exchange {version}.</source>
        <translation>{node}: {role} no existe en Exchange {version}.</translation>
    </message>
    <message>
        <source>{names}: none of the selected services ({services}) runs between {role_a} and {role_b}.</source>
        <translation>{names}: ninguno de los servicios seleccionados ({services}) funciona entre {role_a} y {role_b}.</translation>
    </message>
    <message>
        <source>{names}: the knowledge base has no data path between {role_a} and {role_b} in Exchange {version}.</source>
        <translation>{names}: la base de conocimiento no tiene ninguna ruta de datos entre {role_a} y {role_b} en Exchange {version}.</translation>
    </message>
    <message>
        <source>It has one for Exchange {versions}.</source>
        <translation>Sí la tiene para Exchange {versions}.</translation>
    </message>
    <message>
        <source>{a} ↔ {b}: {unknown} is not a service between these roles in Exchange {version}; known: {known}.</source>
        <translation>{a} ↔ {b}: {unknown} no es un servicio entre estos roles en Exchange {version}; servicios conocidos: {known}.</translation>
    </message>
    <message>
        <source>{a} ↔ {b}: Unified Messaging was removed in Exchange 2019; an IP PBX or Lync/Skype for Business cannot use Exchange 2019 for voice mail.</source>
        <translation>{a} ↔ {b}: la mensajería unificada se eliminó en Exchange 2019; una centralita IP o Lync/Skype for Business no puede usar Exchange 2019 para el correo de voz.</translation>
    </message>
    <message>
        <source>Zones {zone_a} and {zone_b} put a boundary between {nodes}.</source>
        <translation>Las zonas {zone_a} y {zone_b} ponen un límite entre {nodes}.</translation>
    </message>
    <message>
        <source>{node} ({role}) belongs in a zone of kind {expected}, but {zone} is {actual}.</source>
        <translation>{node} ({role}) corresponde a una zona de tipo {expected}, pero {zone} es {actual}.</translation>
    </message>
    <message>
        <source>{node} (Mailbox) receives Internet mail straight from the Internet zone ({ports}). Recommendation: an Edge Transport server in a perimeter zone in front of it.</source>
        <translation>{node} (buzones) recibe el correo de Internet directamente desde la zona Internet ({ports}). Recomendación: un servidor de transporte perimetral en una zona perimetral delante de él.</translation>
    </message>
    <message>
        <source>{node} (Mailbox) is reachable straight from the Internet zone ({ports}). The source document&apos;s firewall guidance puts a reverse proxy or a load balancer in a perimeter zone in front of it.</source>
        <translation>{node} (buzones) es accesible directamente desde la zona Internet ({ports}). La guía de firewall del documento de origen pone un proxy inverso o un equilibrador de carga en una zona perimetral delante de él.</translation>
    </message>
    <message>
        <source>{source} → {destination}: {port} {service} crosses from the Internet zone and is not encrypted.</source>
        <translation>{source} → {destination}: {port} {service} llega desde la zona de Internet y no está cifrado.</translation>
    </message>
    <message>
        <source>{source} → {destination}: {port} {service} crosses from the Internet zone and is encrypted only when the peers negotiate it (not by default).</source>
        <translation>{source} → {destination}: {port} {service} llega desde la zona de Internet y solo se cifra si los extremos lo negocian (no de forma predeterminada).</translation>
    </message>
    <message>
        <source>{service} opens {ports} from the Internet zone.</source>
        <translation>{service} abre {ports} desde la zona de Internet.</translation>
    </message>
    <message>
        <source>{service} opens {ports} to the Internet zone.</source>
        <translation>{service} abre {ports} hacia la zona de Internet.</translation>
    </message>
    <message>
        <source>The source&apos;s firewall guidance is to expose only SMTP 25/TCP and HTTPS 443/TCP (and DNS 53 where Exchange resolves names itself).</source>
        <translation>La guía de firewall del documento fuente es exponer solo SMTP 25/TCP y HTTPS 443/TCP (y DNS 53 donde Exchange resuelve los nombres por sí mismo).</translation>
    </message>
    <message>
        <source>{service}: {advisory}</source>
        <translation>{service}: {advisory}</translation>
    </message>
    <message>
        <source>{service}: {service} is disabled by default.</source>
        <translation>{service}: {service} está deshabilitado de forma predeterminada.</translation>
    </message>
    <message>
        <source>{services} ({ports}) from {nodes}:</source>
        <translation>{services} ({ports}) desde {nodes}:</translation>
    </message>
    <message>
        <source>{what} ({ports}): this knowledge base entry rests on evidence that is not confirmed by Microsoft&apos;s own English page; check it before relying on it.</source>
        <translation>{what} ({ports}): esta entrada de la base de conocimiento se basa en datos que la propia página en inglés de Microsoft no confirma; compruébela antes de confiar en ella.</translation>
    </message>
    <message>
        <source>{what} (no ports): this knowledge base entry rests on evidence that is not confirmed by Microsoft&apos;s own English page; check it before relying on it.</source>
        <translation>{what} (sin puertos): esta entrada de la base de conocimiento se basa en datos que la propia página en inglés de Microsoft no confirma; compruébela antes de confiar en ella.</translation>
    </message>
    <message>
        <source>Exchange {version} has been out of support since {date} (Microsoft Lifecycle); Microsoft no longer supports a design on it.</source>
        <translation>Exchange {version} está fuera de soporte desde el {date} (ciclo de vida de Microsoft); Microsoft ya no admite un diseño basado en esta versión.</translation>
    </message>
    <message>
        <source>The way forward:</source>
        <translation>El camino a seguir:</translation>
    </message>
    <message>
        <source>Exchange {older} and Exchange {newer} can&apos;t share one organization ({nodes}).</source>
        <translation>Exchange {older} y Exchange {newer} no pueden compartir una organización ({nodes}).</translation>
    </message>
    <message>
        <source>Exchange {version} can&apos;t host a hybrid deployment with Exchange Online.</source>
        <translation>Exchange {version} no puede alojar una implementación híbrida con Exchange Online.</translation>
    </message>
    <message>
        <source>{node} ({role}) is in the perimeter zone {zone}.</source>
        <translation>{node} ({role}) está en la zona perimetral {zone}.</translation>
    </message>
    <message>
        <source>Inbound hybrid HTTPS from Exchange Online ends on {nodes}, not on a Mailbox server.</source>
        <translation>El HTTPS híbrido entrante desde Exchange Online termina en {nodes}, no en un servidor de buzones.</translation>
    </message>
    <message>
        <source>{node} carries hybrid mail flow with Exchange Online but has no EdgeSync connection to a Mailbox server.</source>
        <translation>{node} transporta el flujo de correo híbrido con Exchange Online pero no tiene conexión EdgeSync con un servidor de buzones.</translation>
    </message>
    <message>
        <source>{hop} stands in front of {endpoint}, an endpoint of hybrid HTTPS from Exchange Online: it must not pre-authenticate.</source>
        <translation>{hop} está delante de {endpoint}, un extremo del HTTPS híbrido desde Exchange Online: no debe realizar autenticación previa.</translation>
    </message>
    <message>
        <source>{nodes}: no directory synchronization path (Microsoft Entra Connect to Microsoft 365) in the design.</source>
        <translation>{nodes}: el diseño no tiene ninguna ruta de sincronización de directorios (Microsoft Entra Connect hacia Microsoft 365).</translation>
    </message>
    <message>
        <source>Zone {zone}: subnet &apos;{value}&apos; (line {line})</source>
        <translation>Zona {zone}: subred &apos;{value}&apos; (línea {line})</translation>
    </message>
    <message>
        <source>Zone {zone}: subnet &apos;{value}&apos;</source>
        <translation>Zona {zone}: subred &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>{node}, member {member}: address &apos;{value}&apos; (line {line})</source>
        <translation>{node}, miembro {member}: dirección &apos;{value}&apos; (línea {line})</translation>
    </message>
    <message>
        <source>{node}, member {member}: address &apos;{value}&apos;</source>
        <translation>{node}, miembro {member}: dirección &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>{node}: address &apos;{value}&apos; (line {line})</source>
        <translation>{node}: dirección &apos;{value}&apos; (línea {line})</translation>
    </message>
    <message>
        <source>{node}: address &apos;{value}&apos;</source>
        <translation>{node}: dirección &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>is empty.</source>
        <translation>está vacía.</translation>
    </message>
    <message>
        <source>has spaces around it.</source>
        <translation>tiene espacios alrededor.</translation>
    </message>
    <message>
        <source>is not an IPv4 or IPv6 address or network.</source>
        <translation>no es una dirección ni una red IPv4 o IPv6.</translation>
    </message>
    <message>
        <source>has host bits set: as a network it is {network}; write that, or the address alone.</source>
        <translation>tiene bits de host: como red es {network}; escriba eso, o solo la dirección.</translation>
    </message>
    <message>
        <source>The address {address} is given to {owners} (lines {lines}); one address is one server.</source>
        <translation>La dirección {address} está asignada a {owners} (líneas {lines}); una dirección es un servidor.</translation>
    </message>
    <message>
        <source>The address {address} is given to {owners}; one address is one server.</source>
        <translation>La dirección {address} está asignada a {owners}; una dirección es un servidor.</translation>
    </message>
    <message>
        <source>is outside the subnets of its zone {zone} ({subnets}).</source>
        <translation>está fuera de las subredes de su zona {zone} ({subnets}).</translation>
    </message>
    <message>
        <source>overlaps the subnet {subnet} of zone {zone}; a firewall can&apos;t tell the two zones apart there.</source>
        <translation>se solapa con la subred {subnet} de la zona {zone}; un firewall no puede distinguir ahí las dos zonas.</translation>
    </message>
    <message>
        <source>is too broad for a perimeter zone (a /{prefix}); rules built on it would admit far more than the zone&apos;s servers.</source>
        <translation>es demasiado amplia para una zona perimetral (un /{prefix}); las reglas basadas en ella admitirían mucho más que los servidores de la zona.</translation>
    </message>
    <message>
        <source>{node} is marked a DAG, but a DAG&apos;s members are Mailbox servers.</source>
        <translation>{node} está marcado como DAG, pero los miembros de un DAG son servidores de buzones de correo.</translation>
    </message>
    <message>
        <source>DAG {dag} has {count} members.</source>
        <translation>El DAG {dag} tiene {count} miembros.</translation>
    </message>
    <message>
        <source>DAG {dag} has an even number of members ({count}) and no connection to a witness server.</source>
        <translation>El DAG {dag} tiene un número par de miembros ({count}) y ninguna conexión con un servidor testigo.</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 error</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} errores</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 advertencia</translation>
    </message>
    <message>
        <source>{count} warnings</source>
        <translation>{count} advertencias</translation>
    </message>
    <message>
        <source>{count} info</source>
        <translation>{count} informativas</translation>
    </message>
    <message>
        <source>1 info</source>
        <translation>1 informativa</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>Sin observaciones</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation>Mostrar los errores</translation>
    </message>
    <message>
        <source>Show warnings</source>
        <translation>Mostrar las advertencias</translation>
    </message>
    <message>
        <source>Show info</source>
        <translation>Mostrar las observaciones informativas</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Observación</translation>
    </message>
    <message>
        <source>Source: {title}</source>
        <translation>Fuente: {title}</translation>
    </message>
</context>
<context>
    <name>Flows</name>
    <message>
        <source>Not stated</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>{methods} (optional)</source>
        <translation>{methods} (opcional)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>{methods} (default not stated)</source>
        <translation>{methods} (valor predeterminado sin indicar)</translation>
    </message>
    <message>
        <source>Supported (default not stated)</source>
        <translation>Admitido (valor predeterminado sin indicar)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
</context>
<context>
    <name>Groups</name>
    <message>
        <source>DAG of {count}</source>
        <translation>DAG de {count}</translation>
    </message>
    <message>
        <source>group of {count}</source>
        <translation>grupo de {count}</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Exchange version</source>
        <translation>Versión de Exchange</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Default colour</source>
        <translation>Color predeterminado</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Services in use</source>
        <translation>Servicios en uso</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flujos</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Diseño</translation>
    </message>
    <message>
        <source>1 zone</source>
        <translation>1 zona</translation>
    </message>
    <message>
        <source>{count} zones</source>
        <translation>{count} zonas</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 nodo</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} nodos</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 conexión</translation>
    </message>
    <message>
        <source>{count} connections</source>
        <translation>{count} conexiones</translation>
    </message>
    <message>
        <source>1 flow</source>
        <translation>1 flujo</translation>
    </message>
    <message>
        <source>{count} flows</source>
        <translation>{count} flujos</translation>
    </message>
    <message>
        <source>The design&apos;s ({version})</source>
        <translation>La del diseño ({version})</translation>
    </message>
    <message>
        <source>no data path</source>
        <translation>sin ruta de datos</translation>
    </message>
    <message>
        <source>{role} (not in {version})</source>
        <translation>{role} (no existe en {version})</translation>
    </message>
    <message>
        <source>{role} (unknown role)</source>
        <translation>{role} (rol desconocido)</translation>
    </message>
    <message>
        <source>The default colour of its kind</source>
        <translation>El color predeterminado de su tipo</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Fuentes:</translation>
    </message>
    <message>
        <source>{service} (not between these roles)</source>
        <translation>{service} (no existe entre estos roles)</translation>
    </message>
    <message>
        <source>{count} items selected</source>
        <translation>{count} elementos seleccionados</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… y {count} más</translation>
    </message>
    <message>
        <source>Colour of {zone}</source>
        <translation>Color de {zone}</translation>
    </message>
</context>
<context>
    <name>KnowledgeBase</name>
    <message>
        <source>Not stated</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>{methods} (optional)</source>
        <translation>{methods} (opcional)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>{methods} (default not stated)</source>
        <translation>{methods} (valor predeterminado sin indicar)</translation>
    </message>
    <message>
        <source>Supported (default not stated)</source>
        <translation>Admitido (valor predeterminado sin indicar)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Sin confirmar</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>any port, any protocol</source>
        <translation>cualquier puerto, cualquier protocolo</translation>
    </message>
</context>
<context>
    <name>KnowledgeBaseBrowser</name>
    <message>
        <source>Knowledge Base</source>
        <translation>Base de conocimiento</translation>
    </message>
    <message>
        <source>Search: a port (443), a service, a role, a protocol, words of the notes…</source>
        <translation>Buscar: un puerto (443), un servicio, un rol, un protocolo, palabras de las notas…</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>Todas las versiones</translation>
    </message>
    <message>
        <source>Exchange {version}</source>
        <translation>Exchange {version}</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Todos los roles</translation>
    </message>
    <message>
        <source>Any service</source>
        <translation>Cualquier servicio</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>&amp;Unconfirmed only</source>
        <translation>Solo sin &amp;confirmar</translation>
    </message>
    <message>
        <source>Only the entries that rest on unconfirmed evidence</source>
        <translation>Solo las entradas basadas en datos sin confirmar</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Restablecer</translation>
    </message>
    <message>
        <source>Clear the search and every filter</source>
        <translation>Borrar la búsqueda y todos los filtros</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Versión:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Servicio:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>Fi&amp;nd:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} data paths shown</source>
        <translation>
            <numerusform>Se muestra %n de {total} rutas de datos</numerusform>
            <numerusform>Se muestran %n de {total} rutas de datos</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to read its ports, authentication, encryption, notes and source.</source>
        <translation>Seleccione una entrada para ver sus puertos, autenticación, cifrado, notas y fuente.</translation>
    </message>
    <message>
        <source>(supported: {methods})</source>
        <translation>(admitidos: {methods})</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hacia</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Valor predeterminado</translation>
    </message>
    <message>
        <source>Disabled by default</source>
        <translation>Deshabilitado de forma predeterminada</translation>
    </message>
    <message>
        <source>Unconfirmed.</source>
        <translation>Sin confirmar.</translation>
    </message>
    <message>
        <source>This entry rests on unconfirmed evidence: check the source before relying on it.</source>
        <translation>Esta entrada se basa en datos sin confirmar: compruebe la fuente antes de confiar en ella.</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Advisory</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Not a Microsoft source: the document this product was made from.</source>
        <translation>No es una fuente de Microsoft: es el documento a partir del cual se hizo este producto.</translation>
    </message>
    <message>
        <source>Not a Microsoft source: a third party.</source>
        <translation>No es una fuente de Microsoft: es un tercero.</translation>
    </message>
    <message>
        <source>Row of its table: {rows}</source>
        <translation>Fila de su tabla: {rows}</translation>
    </message>
    <message>
        <source>Client access</source>
        <translation>Acceso de clientes</translation>
    </message>
    <message>
        <source>Mail flow</source>
        <translation>Flujo de correo</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Directorio</translation>
    </message>
    <message>
        <source>Unified Messaging</source>
        <translation>Mensajería unificada</translation>
    </message>
    <message>
        <source>Management</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Replicación</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Terceros</translation>
    </message>
</context>
<context>
    <name>KnowledgeBaseModel</name>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hacia</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>ports not stated</source>
        <translation>puertos sin indicar</translation>
    </message>
    <message>
        <source>any port/protocol</source>
        <translation>cualquier puerto/protocolo</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>cifrado</translation>
    </message>
    <message>
        <source>{methods} optional</source>
        <translation>{methods} opcional</translation>
    </message>
    <message>
        <source>encryption optional</source>
        <translation>cifrado opcional</translation>
    </message>
    <message>
        <source>encryption?</source>
        <translation>¿cifrado?</translation>
    </message>
    <message>
        <source>plaintext</source>
        <translation>sin cifrar</translation>
    </message>
    <message>
        <source>encryption not stated</source>
        <translation>cifrado sin indicar</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>No data path between {role_a} and {role_b} in Exchange {version}</source>
        <translation>No hay ruta de datos entre {role_a} y {role_b} en Exchange {version}</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>sin indicar</translation>
    </message>
    <message>
        <source>(supported: {methods})</source>
        <translation>(admitidos: {methods})</translation>
    </message>
    <message>
        <source>Authentication: {value}</source>
        <translation>Autenticación: {value}</translation>
    </message>
    <message>
        <source>Encryption: {value}</source>
        <translation>Cifrado: {value}</translation>
    </message>
    <message>
        <source>Unconfirmed entry</source>
        <translation>Entrada sin confirmar</translation>
    </message>
    <message>
        <source>Source ({what}): {title}</source>
        <translation>Fuente ({what}): {title}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>Predeterminado del &amp;sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The designer will use the new language the next time it starts.</source>
        <translation>El diseñador usará el nuevo idioma la próxima vez que se inicie.</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Error: no data path between these roles</source>
        <translation>Error: no hay ruta de datos entre estos roles</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <source>Perimeter network (DMZ)</source>
        <translation>Red perimetral (DMZ)</translation>
    </message>
    <message>
        <source>Internal network</source>
        <translation>Red interna</translation>
    </message>
    <message>
        <source>Microsoft 365 (cloud)</source>
        <translation>Microsoft 365 (nube)</translation>
    </message>
    <message>
        <source>port/transport service · auth · encryption</source>
        <translation>puerto/transporte servicio · autenticación · cifrado</translation>
    </message>
    <message>
        <source>→ ← direction a connection is opened</source>
        <translation>→ ← sentido en que se abre la conexión</translation>
    </message>
    <message>
        <source>Encrypted by default</source>
        <translation>Cifrado de forma predeterminada</translation>
    </message>
    <message>
        <source>Encryption optional (off by default)</source>
        <translation>Cifrado opcional (desactivado de forma predeterminada)</translation>
    </message>
    <message>
        <source>Encryption supported, default not stated</source>
        <translation>Cifrado admitido, valor predeterminado sin indicar</translation>
    </message>
    <message>
        <source>Plaintext</source>
        <translation>Sin cifrar</translation>
    </message>
    <message>
        <source>Encryption not stated by the source</source>
        <translation>Cifrado no indicado por la fuente</translation>
    </message>
    <message>
        <source>Whole design</source>
        <translation>Todo el diseño</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Connections: weakest encryption</source>
        <translation>Conexiones: cifrado más débil</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Exchange version</source>
        <translation>Versión de Exchange</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Drawn with</source>
        <translation>Dibujado con</translation>
    </message>
    <message>
        <source>Labels printed as numbers on the drawing (their place would hide a node or another label)</source>
        <translation>Etiquetas impresas como números en el dibujo (en su lugar ocultarían un nodo u otra etiqueta)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Palette</source>
        <translation>Paleta</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Observaciones</translation>
    </message>
    <message>
        <source>Port matrix</source>
        <translation>Matriz de puertos</translation>
    </message>
    <message>
        <source>Exchange {version}</source>
        <translation>Exchange {version}</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 nodo</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} nodos</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 conexión</translation>
    </message>
    <message>
        <source>{count} connections</source>
        <translation>{count} conexiones</translation>
    </message>
    <message>
        <source>1 flow</source>
        <translation>1 flujo</translation>
    </message>
    <message>
        <source>{count} flows</source>
        <translation>{count} flujos</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 error</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} errores</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>sin guardar</translation>
    </message>
    <message>
        <source>{design} ({file})[*] — {app}</source>
        <translation>{design} ({file})[*] — {app}</translation>
    </message>
    <message>
        <source>Nothing to paste: {reason}</source>
        <translation>Nada que pegar: {reason}</translation>
    </message>
    <message>
        <source>Zone {number}</source>
        <translation>Zona {number}</translation>
    </message>
    <message>
        <source>Connect: drag from one node to another</source>
        <translation>Conectar: arrastre de un nodo a otro</translation>
    </message>
    <message>
        <source>Autosave</source>
        <translation>Autoguardado</translation>
    </message>
    <message>
        <source>Save unsaved work for recovery every (seconds, 0 = never):</source>
        <translation>Guardar una copia de recuperación del trabajo sin guardar cada (segundos, 0 = nunca):</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Acerca de {app}</translation>
    </message>
    <message>
        <source>Plan Exchange deployments on a zone canvas, with the ports, authentication and encryption of every connection from Microsoft&apos;s documentation.</source>
        <translation>Planifique implementaciones de Exchange en un lienzo de zonas, con los puertos, la autenticación y el cifrado de cada conexión según la documentación de Microsoft.</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
</context>
<context>
    <name>MatrixPanel</name>
    <message>
        <source>Crossing only</source>
        <translation>Solo entre zonas</translation>
    </message>
    <message>
        <source>Show only the flows that cross a zone boundary</source>
        <translation>Mostrar solo los flujos que cruzan un límite entre zonas</translation>
    </message>
    <message>
        <source>Filter by name, zone, port, service…</source>
        <translation>Filtrar por nombre, zona, puerto, servicio…</translation>
    </message>
    <message>
        <source>1 flow ({crossing} crossing)</source>
        <translation>1 flujo ({crossing} entre zonas)</translation>
    </message>
    <message>
        <source>{count} flows ({crossing} crossing)</source>
        <translation>{count} flujos ({crossing} entre zonas)</translation>
    </message>
    <message>
        <source>{count} shown</source>
        <translation>{count} mostrados</translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <source>DAG</source>
        <translation>DAG</translation>
    </message>
    <message>
        <source>Database availability group (DAG)</source>
        <translation>Grupo de disponibilidad de base de datos (DAG)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Añadir miembro</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Quitar miembro</translation>
    </message>
    <message>
        <source>Addresses of the member, e.g. 10.0.0.5, 10.0.1.0/24</source>
        <translation>Direcciones del miembro, p. ej. 10.0.0.5, 10.0.1.0/24</translation>
    </message>
    <message>
        <source>Single server</source>
        <translation>Servidor único</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 miembro</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} miembros</translation>
    </message>
</context>
<context>
    <name>PalettePanel</name>
    <message>
        <source>Not in Exchange {version}</source>
        <translation>No existe en Exchange {version}</translation>
    </message>
</context>
<context>
    <name>PortMatrix</name>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Source zone</source>
        <translation>Zona de origen</translation>
    </message>
    <message>
        <source>Destination zone</source>
        <translation>Zona de destino</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>Crossing</source>
        <translation>Entre zonas</translation>
    </message>
    <message>
        <source>Crossing sites</source>
        <translation>Entre sitios</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <source>This design has no scenario to present</source>
        <translation>Este diseño no tiene ningún escenario que presentar</translation>
    </message>
    <message>
        <source>→ next · ← back · D details · Esc leave</source>
        <translation>→ siguiente · ← anterior · D detalles · Esc salir</translation>
    </message>
    <message>
        <source>Presentation — {design}</source>
        <translation>Presentación — {design}</translation>
    </message>
    <message>
        <source>Press Esc to leave.</source>
        <translation>Pulse Esc para salir.</translation>
    </message>
    <message>
        <source>Scenario {scenario} of {scenarios} · Step {step} of {steps}</source>
        <translation>Escenario {scenario} de {scenarios} · Paso {step} de {steps}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>never saved</source>
        <translation>nunca guardado</translation>
    </message>
    <message>
        <source>“{name}” ({file}), autosaved {time}</source>
        <translation>«{name}» ({file}), guardado automáticamente el {time}</translation>
    </message>
    <message>
        <source>Untitled design</source>
        <translation>Diseño sin título</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>y {count} más</translation>
    </message>
    <message>
        <source>A design was not saved when the designer stopped:</source>
        <translation>Había un diseño sin guardar cuando el diseñador se detuvo:</translation>
    </message>
    <message>
        <source>{count} designs were not saved when the designer stopped:</source>
        <translation>Había {count} diseños sin guardar cuando el diseñador se detuvo:</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Recuperar el trabajo sin guardar</translation>
    </message>
    <message>
        <source>Restore opens it as unsaved work. Discard deletes it. Later asks again at the next start.</source>
        <translation>«Restaurar» lo abre como trabajo sin guardar. «Descartar» lo elimina. «Más tarde» vuelve a preguntar en el próximo inicio.</translation>
    </message>
    <message>
        <source>Restore opens the newest as unsaved work (the others are offered at the next start). Discard deletes them all. Later asks again at the next start.</source>
        <translation>«Restaurar» abre el más reciente como trabajo sin guardar (los demás se ofrecen en el próximo inicio). «Descartar» los elimina todos. «Más tarde» vuelve a preguntar en el próximo inicio.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>No se puede restaurar</translation>
    </message>
    <message>
        <source>The recovery file is kept: {path}</source>
        <translation>Se conserva el archivo de recuperación: {path}</translation>
    </message>
</context>
<context>
    <name>RoleGroups</name>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Exchange servers</source>
        <translation>Servidores Exchange</translation>
    </message>
    <message>
        <source>Directory and infrastructure</source>
        <translation>Directorio e infraestructura</translation>
    </message>
    <message>
        <source>Telephony</source>
        <translation>Telefonía</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>Outlook on the web (browser)</source>
        <translation>Outlook en la Web (explorador)</translation>
    </message>
    <message>
        <source>ActiveSync device</source>
        <translation>Dispositivo ActiveSync</translation>
    </message>
    <message>
        <source>IMAP4 client</source>
        <translation>Cliente IMAP4</translation>
    </message>
    <message>
        <source>POP3 client</source>
        <translation>Cliente POP3</translation>
    </message>
    <message>
        <source>SMTP client (authenticated)</source>
        <translation>Cliente SMTP (autenticado)</translation>
    </message>
    <message>
        <source>EWS client</source>
        <translation>Cliente EWS</translation>
    </message>
    <message>
        <source>Thunderbird</source>
        <translation>Thunderbird</translation>
    </message>
    <message>
        <source>Evolution (EWS)</source>
        <translation>Evolution (EWS)</translation>
    </message>
    <message>
        <source>DavMail gateway</source>
        <translation>Puerta de enlace DavMail</translation>
    </message>
    <message>
        <source>Administrator workstation</source>
        <translation>Estación de trabajo del administrador</translation>
    </message>
    <message>
        <source>Mailbox server</source>
        <translation>Servidor de buzones</translation>
    </message>
    <message>
        <source>Client Access server</source>
        <translation>Servidor de acceso de cliente</translation>
    </message>
    <message>
        <source>Hub Transport server</source>
        <translation>Servidor de transporte de concentradores</translation>
    </message>
    <message>
        <source>Edge Transport server</source>
        <translation>Servidor de transporte perimetral</translation>
    </message>
    <message>
        <source>Unified Messaging server</source>
        <translation>Servidor de mensajería unificada</translation>
    </message>
    <message>
        <source>Domain controller</source>
        <translation>Controlador de dominio</translation>
    </message>
    <message>
        <source>DAG witness server</source>
        <translation>Servidor testigo del DAG</translation>
    </message>
    <message>
        <source>DNS server</source>
        <translation>Servidor DNS</translation>
    </message>
    <message>
        <source>Reverse proxy</source>
        <translation>Proxy inverso</translation>
    </message>
    <message>
        <source>AD RMS server</source>
        <translation>Servidor AD RMS</translation>
    </message>
    <message>
        <source>IP PBX / VoIP gateway</source>
        <translation>Centralita IP / puerta de enlace VoIP</translation>
    </message>
    <message>
        <source>Lync / Skype for Business server</source>
        <translation>Servidor de Lync / Skype for Business</translation>
    </message>
    <message>
        <source>Internet mail host</source>
        <translation>Host de correo de Internet</translation>
    </message>
    <message>
        <source>Exchange Online</source>
        <translation>Exchange Online</translation>
    </message>
    <message>
        <source>Microsoft Entra ID</source>
        <translation>Microsoft Entra ID</translation>
    </message>
    <message>
        <source>Microsoft Entra Connect server</source>
        <translation>Servidor de Microsoft Entra Connect</translation>
    </message>
    <message>
        <source>Hybrid Agent</source>
        <translation>Agente híbrido</translation>
    </message>
    <message>
        <source>AD FS / Web Application Proxy</source>
        <translation>AD FS / Proxy de aplicación web</translation>
    </message>
    <message>
        <source>Load balancer</source>
        <translation>Equilibrador de carga</translation>
    </message>
</context>
<context>
    <name>Scenarios</name>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} y {last}</translation>
    </message>
    <message>
        <source> through {nodes}</source>
        <translation> a través de {nodes}</translation>
    </message>
    <message>
        <source>An external Outlook user reaches a mailbox</source>
        <translation>Un usuario externo de Outlook accede a un buzón</translation>
    </message>
    <message>
        <source>{first}, on the Internet, reaches the mailbox on {last}{through}.</source>
        <translation>{first}, en Internet, accede al buzón de {last}{through}.</translation>
    </message>
    <message>
        <source>Inbound Internet mail</source>
        <translation>Correo entrante de Internet</translation>
    </message>
    <message>
        <source>Mail from {first} reaches the mailbox on {last}{through}.</source>
        <translation>El correo de {first} llega al buzón de {last}{through}.</translation>
    </message>
    <message>
        <source>Outbound mail to the Internet</source>
        <translation>Correo saliente hacia Internet</translation>
    </message>
    <message>
        <source>Mail from the mailbox on {first} leaves for {last}{through}.</source>
        <translation>El correo del buzón de {first} sale hacia {last}{through}.</translation>
    </message>
    <message>
        <source>EdgeSync: directory data for the Edge server</source>
        <translation>EdgeSync: datos de directorio para el servidor de transporte perimetral</translation>
    </message>
    <message>
        <source>{first} copies recipient and configuration data from Active Directory to {last}{through}.</source>
        <translation>{first} copia los datos de destinatarios y de configuración de Active Directory a {last}{through}.</translation>
    </message>
    <message>
        <source>Hybrid mail from Exchange Online to an on-premises mailbox</source>
        <translation>Correo híbrido de Exchange Online a un buzón local</translation>
    </message>
    <message>
        <source>A message for an on-premises mailbox leaves {first} and reaches {last}{through}, over the hybrid mail flow.</source>
        <translation>Un mensaje para un buzón local sale de {first} y llega a {last}{through}, por el flujo de correo híbrido.</translation>
    </message>
    <message>
        <source>Hybrid mail from an on-premises mailbox to Exchange Online</source>
        <translation>Correo híbrido de un buzón local a Exchange Online</translation>
    </message>
    <message>
        <source>A message for a cloud mailbox leaves the mailbox on {first} and reaches {last}{through}.</source>
        <translation>Un mensaje para un buzón en la nube sale del buzón de {first} y llega a {last}{through}.</translation>
    </message>
    <message>
        <source>A free/busy lookup across the hybrid boundary</source>
        <translation>Una consulta de disponibilidad a través del límite híbrido</translation>
    </message>
    <message>
        <source>{first} asks {last} for an on-premises user&apos;s free/busy time{through}, for a cloud user&apos;s calendar.</source>
        <translation>{first} pide a {last} la disponibilidad de un usuario local{through}, para el calendario de un usuario en la nube.</translation>
    </message>
    <message>
        <source>A mailbox move to Exchange Online</source>
        <translation>Un traslado de buzón a Exchange Online</translation>
    </message>
    <message>
        <source>{first} moves a mailbox from {last}{through} through the MRS proxy endpoint.</source>
        <translation>{first} traslada un buzón desde {last}{through} a través del extremo del proxy MRS.</translation>
    </message>
    <message>
        <source>A phone call into Unified Messaging</source>
        <translation>Una llamada telefónica a la mensajería unificada</translation>
    </message>
    <message>
        <source>A call from {first} reaches Unified Messaging on {last}{through}.</source>
        <translation>Una llamada desde {first} llega a la mensajería unificada de {last}{through}.</translation>
    </message>
    <message>
        <source>{ports} {service} · Authentication: {authentication} · Encryption: {encryption}</source>
        <translation>{ports} {service} · Autenticación: {authentication} · Cifrado: {encryption}</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>cifrado</translation>
    </message>
    <message>
        <source>can be encrypted</source>
        <translation>se puede cifrar</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>sin cifrar</translation>
    </message>
    <message>
        <source>encryption not stated</source>
        <translation>cifrado sin indicar</translation>
    </message>
    <message>
        <source>partly encrypted</source>
        <translation>cifrado en parte</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Blank design</source>
        <translation>Diseño en blanco</translation>
    </message>
    <message>
        <source>Exchange {version} · empty zones</source>
        <translation>Exchange {version} · zonas vacías</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 nodo</translation>
    </message>
    <message>
        <source>{count} nodes</source>
        <translation>{count} nodos</translation>
    </message>
    <message>
        <source>Exchange {version} · {nodes}</source>
        <translation>Exchange {version} · {nodes}</translation>
    </message>
    <message>
        <source>Welcome — Exchange Topology Designer</source>
        <translation>Bienvenida — Exchange Topology Designer</translation>
    </message>
    <message>
        <source>No recent designs yet.
Designs you open or save are listed here.</source>
        <translation>Aún no hay diseños recientes.
Aquí aparecen los diseños que abra o guarde.</translation>
    </message>
    <message>
        <source>Show at startup</source>
        <translation>Mostrar al iniciar</translation>
    </message>
    <message>
        <source>Open Other…</source>
        <translation>Abrir otro…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Exchange Topology Designer</source>
        <translation>Exchange Topology Designer</translation>
    </message>
    <message>
        <source>Start a new design from a template, or pick up where you left off.</source>
        <translation>Empiece un diseño nuevo a partir de una plantilla o continúe donde lo dejó.</translation>
    </message>
    <message>
        <source>New design</source>
        <translation>Diseño nuevo</translation>
    </message>
    <message>
        <source>Recent designs</source>
        <translation>Diseños recientes</translation>
    </message>
    <message>
        <source>Drag a role from the &lt;b&gt;Palette&lt;/b&gt; into a zone; drag from a node&apos;s &lt;b&gt;+&lt;/b&gt; handle to another node to connect them.</source>
        <translation>Arrastre un rol de la &lt;b&gt;Paleta&lt;/b&gt; a una zona; arrastre desde el asa &lt;b&gt;+&lt;/b&gt; de un nodo hasta otro nodo para conectarlos.</translation>
    </message>
    <message>
        <source>Each line shows its ports, authentication and encryption; hover it for every flow and its Microsoft source.</source>
        <translation>Cada línea muestra sus puertos, autenticación y cifrado; pase el ratón por encima para ver cada flujo y su fuente de Microsoft.</translation>
    </message>
    <message>
        <source>&lt;b&gt;File ▸ Export&lt;/b&gt;: the diagram (&lt;b&gt;Ctrl+E&lt;/b&gt;), the port matrix, firewall rules per zone boundary, and a report (&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;).</source>
        <translation>&lt;b&gt;Archivo ▸ Exportar&lt;/b&gt;: el diagrama (&lt;b&gt;Ctrl+E&lt;/b&gt;), la matriz de puertos, las reglas de firewall por límite entre zonas y un informe (&lt;b&gt;Ctrl+Mayús+E&lt;/b&gt;).</translation>
    </message>
    <message>
        <source>&lt;b&gt;F5&lt;/b&gt; presents the design full screen, one scenario at a time.</source>
        <translation>&lt;b&gt;F5&lt;/b&gt; presenta el diseño a pantalla completa, un escenario tras otro.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Z&lt;/b&gt; adds a zone, &lt;b&gt;C&lt;/b&gt; connects, &lt;b&gt;Ctrl+9&lt;/b&gt; fits the design to the window.</source>
        <translation>&lt;b&gt;Z&lt;/b&gt; añade una zona, &lt;b&gt;C&lt;/b&gt; conecta, &lt;b&gt;Ctrl+9&lt;/b&gt; ajusta el diseño a la ventana.</translation>
    </message>
    <message>
        <source>Tips</source>
        <translation>Consejos</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>ThemeController</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>Light or dark, as the system is set</source>
        <translation>Claro u oscuro, según la configuración del sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>Always light</source>
        <translation>Siempre claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Always dark (exports stay light)</source>
        <translation>Siempre oscuro (las exportaciones siguen en claro)</translation>
    </message>
</context>
<context>
    <name>ZoneKinds</name>
    <message>
        <source>Internal</source>
        <translation>Interna</translation>
    </message>
    <message>
        <source>Perimeter</source>
        <translation>Perimetral</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <source>Cloud (Microsoft 365)</source>
        <translation>Nube (Microsoft 365)</translation>
    </message>
</context>
</TS>
