"""The firewall rules deliverable: tables per zone boundary and the DRAFT ps1/nft scripts."""
import csv
import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import openpyxl
import pytest

from designer.analysis import compute_flows
from designer.io import load_document
from designer.io.firewall_export import FORMATS, HEADERS, render_rules, sheet_names, short_pair
from designer.io.firewall_scripts import nft_comment, one_line, ps_quote
from designer.model import Node
from tests.conftest import ROOT, SAMPLES, ZONES, build

SAMPLE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
SAMPLE_2010 = ROOT / "data" / "samples" / "exchange2010-um.yaml"
MS_PORTS_URL = "https://learn.microsoft.com/en-us/exchange/plan-and-deploy/deployment-ref/network-ports"
EVIL_PS = "x'; Remove-Item C:\\ -Recurse; '"


def rows_of(fmt_text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(fmt_text)))


def render(fmt, doc, catalog):
    return render_rules(fmt, doc, catalog, compute_flows(doc, catalog))


@pytest.fixture(scope="module")
def sample(catalog):
    return load_document(SAMPLE_2016, roles=catalog.roles.keys())


@pytest.fixture()
def hostile(catalog):
    """Edge in the DMZ, two Mailbox servers inside, names that attack every format."""
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz"),
                                ("ex", "mailbox", "lan"), ("ex2", "mailbox", "lan")],
                [("c0", "net", "edge", ["SMTP"]), ("c1", "edge", "ex"), ("c2", "edge", "ex2")])
    doc.replace_node(Node("edge", "=HYPERLINK(\"http://evil\")", "edge_transport", "dmz"))
    doc.replace_node(Node("ex", "<script>alert(1)</script>", "mailbox", "lan"))
    doc.replace_node(Node("ex2", EVIL_PS, "mailbox", "lan"))
    doc.set_name('Evil "design"\n}\nflush ruleset\r\nRemove-Item C:\\ # |x|')
    return doc


# ---- the facts, from the catalog and the 2016 Edge sample

def test_the_catalog_says_edgesync_runs_from_mailbox_to_edge(catalog):
    path = next(p for p in catalog.paths if p.id == "ex16_edgesync")
    assert path.sources_roles == ("mailbox",) and path.target_roles == ("edge_transport",)
    assert [str(p) for p in path.ports] == ["50636/TCP"]
    assert catalog.source(path.source).url == MS_PORTS_URL


def test_2016_edge_sample_rules_per_boundary(sample, catalog):
    rows = rows_of(render("csv", sample, catalog))
    assert list(rows[0]) == list(HEADERS)
    inbound = [r for r in rows if r["Boundary"] == "Internet → Perimeter network (DMZ)"
               and r["Destination"] == "EDGE01"]
    assert [(r["Source"], r["Protocol"], r["Port"], r["Services"]) for r in inbound] == [
        ("Internet mail servers", "TCP", "25", "SMTP")]
    assert MS_PORTS_URL in inbound[0]["Sources"]
    edgesync = [r for r in rows if r["Services"] == "EdgeSync"]
    # EdgeSync is opened by the Mailbox servers: Internal -> DMZ, never DMZ -> Internal
    assert {(r["Boundary"], r["Source"], r["Destination"], r["Port"]) for r in edgesync} == {
        ("Internal network → Perimeter network (DMZ)", "EX01", "EDGE01", "50636"),
        ("Internal network → Perimeter network (DMZ)", "EX02", "EDGE01", "50636")}
    to_internal = {(r["Source"], r["Destination"], r["Port"]) for r in rows
                   if r["Boundary"] == "Perimeter network (DMZ) → Internal network"}
    assert ("EDGE01", "EX01", "25") in to_internal and not any(p == "50636" for *_, p in to_internal)
    assert not any(r["Source zone"] == r["Destination zone"] for r in rows)  # crossings only


def test_one_rule_per_nodes_and_port_with_every_justification(catalog):
    doc = build("2016", ZONES, [("ol", "outlook", "inet"), ("ex", "mailbox", "lan"),
                                ("edge", "edge_transport", "dmz")],
                [("c1", "ol", "ex"), ("c2", "edge", "ex"), ("c3", "edge", "ex")])
    rows = rows_of(render("csv", doc, catalog))
    https = [r for r in rows if (r["Source"], r["Destination"], r["Port"]) == ("OL", "EX", "443")]
    assert len(https) == 1  # five data paths, one rule
    for service in ("Autodiscover", "EWS", "OAB", "Outlook Anywhere", "MAPI over HTTP"):
        assert service in https[0]["Services"] and service in https[0]["Justification"]
    smtp = [r for r in rows if (r["Source"], r["Destination"], r["Port"]) == ("EDGE", "EX", "25")]
    assert len(smtp) == 1  # two parallel connections, one rule
    keys = [(r["Source"], r["Destination"], r["Protocol"], r["Port"]) for r in rows]
    assert len(keys) == len(set(keys))


# ---- tables

def test_csv_neutralises_formulas(hostile, catalog):
    rows = list(csv.reader(io.StringIO(render("csv", hostile, catalog))))
    src, dst = HEADERS.index("Source"), HEADERS.index("Destination")
    assert "'=HYPERLINK(\"http://evil\")" in {r[src] for r in rows[1:]} | {r[dst] for r in rows[1:]}
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for r in rows[1:] for cell in r)


def test_html_is_escaped(hostile, catalog):
    page = render("html", hostile, catalog)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.data = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.data.append(data)

    parser = Page()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "<script>alert(1)</script>" in parser.data  # text, not markup
    assert parser.tags.count("table") == parser.tags.count("h2") == 4  # both ways over both boundaries


def test_markdown_escapes_pipes_and_markup(hostile, catalog):
    hostile.replace_node(Node("net", "mail|relay\nnext", "internet_mail", "inet"))
    text = render("md", hostile, catalog)
    assert "<script>" not in text and "mail\\|relay next" in text
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert all(line.replace("\\|", "").count("|") == len(HEADERS) for line in table)  # no Boundary column
    assert text.count("\n## ") == 4


def test_xlsx_reads_back(hostile, catalog, tmp_path):
    path = tmp_path / "rules.xlsx"
    path.write_bytes(render("xlsx", hostile, catalog))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["Overview", "All rules"] and len(book.sheetnames) == 2 + 4
    every = list(book["All rules"].iter_rows(values_only=True))
    assert every[0] == HEADERS
    csv_rows = list(csv.reader(io.StringIO(render("csv", hostile, catalog))))
    assert len(every) == len(csv_rows)
    assert {r[HEADERS.index("Port")] for r in every[1:]} == {25, 50636}  # numbers, not text
    cells = [c for sheet in book for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    per_boundary = sum(book[n].max_row - 1 for n in book.sheetnames[2:])
    assert per_boundary == len(every) - 1
    assert book["All rules"].freeze_panes == "A2"


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["a:b/c", "History", "'quoted'", "A:B/C", "x" * 40, "x" * 40, "", "[]*?\\"],
                        taken=("Overview",))
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'") and name.lower() != "history"
    assert len(short_pair("Perimeter network (DMZ)", "Internal network")) <= 31


# ---- PowerShell

def ps_code(script: str) -> list[str]:
    """Each line's code outside comments and single-quoted strings (a small PowerShell lexer)."""
    quotes, code, line, in_string, i = "'\u2018\u2019\u201a\u201b", [], "", False, 0
    while i < len(script):
        ch = script[i]
        if in_string:
            if ch in quotes:
                if i + 1 < len(script) and script[i + 1] in quotes:
                    i += 1
                else:
                    in_string = False
        elif ch in quotes:
            in_string = True
        elif ch == "#":
            while i < len(script) and script[i] != "\n":
                i += 1
            continue
        elif ch == "\n":
            code.append(line)
            line = ""
        else:
            line += ch
        i += 1
    assert not in_string, "a string is left open"
    return code + [line]


def test_ps1_is_a_draft_per_server(sample, catalog):
    script = render("ps1", sample, catalog)
    lines = script.lstrip("\ufeff").splitlines()
    assert lines[0] == "#Requires -RunAsAdministrator" and "DRAFT" in lines[1]
    assert "Contoso, Exchange 2016 with Edge Transport" in script and "Exchange 2016" in script
    sections, current = {}, None
    for line in lines:
        match = re.match(r"^if \(\$env:COMPUTERNAME -eq '([^']*)'\) \{$", line)
        if match:
            current = match.group(1)
        elif line == "}":
            current = None
        elif "New-NetFirewallRule" in line:
            assert current, "a rule outside a server's section"
            assert "-Direction Inbound" in line and "-Action Allow" in line and "-Group $Group" in line
            sections.setdefault(current, []).append(line)
    assert set(sections) == {"EDGE01", "EX01", "EX02", "DC01", "DNS01"}  # not the proxy nor clients
    edge = " ".join(sections["EDGE01"])
    assert "-Protocol TCP -LocalPort '25' -RemoteAddress $Address['inet_mail']" in edge
    assert "-LocalPort '50636' -RemoteAddress $Address['ex01']" in edge
    assert "-LocalPort '50636' -RemoteAddress $Address['ex02']" in edge
    assert len(sections["EDGE01"]) == 5  # 25 from the Internet, 25 and 50636 from each Mailbox
    assert not any("-LocalPort RPC" in c for c in ps_code(script))  # no catalog port says "dynamic RPC"
    assert "'inet_mail' = 'Any'" in script and "'ex01' = 'TODO'" in script
    assert script.count("#   Source: Network ports for clients and mail flow in Exchange") >= 5


def test_ps1_keeps_hostile_names_in_strings_and_comments(hostile, catalog):
    hostile.replace_node(Node("net", "smart\u2019; Stop-Computer; \u2018", "internet_mail", "inet"))
    script = render("ps1", hostile, catalog)
    assert "'x''; Remove-Item C:\\ -Recurse; '''" in script  # the quote is doubled
    assert "smart\u2019\u2019; Stop-Computer; \u2018\u2018" in script
    code = ps_code(script)  # the design name (with new lines) is in comments, the names in strings
    assert not any(word in c for c in code for word in ("Remove-Item", "Stop-Computer", "flush", "Evil"))
    assert any("New-NetFirewallRule" in c for c in code)  # the lexer does see code
    assert "\r" not in script


def test_ps1_port_ranges_and_addresses(catalog):
    doc = load_document(SAMPLE_2010, roles=catalog.roles.keys())
    script = render("ps1", doc, catalog)
    assert "-Protocol UDP -LocalPort '1024-65535'" in script
    assert "Note: 135/TCP is only the RPC endpoint mapper" in script
    node = next(n for n in doc.nodes.values() if n.role == "ip_pbx")
    doc.replace_node(Node(node.id, node.name, node.role, node.zone, addresses=("10.1.2.0/24",)))
    assert f"'{node.id}' = '10.1.2.0/24'" in render("ps1", doc, catalog)
    doc.replace_node(Node(node.id, node.name, node.role, node.zone, addresses=("10.1.2.0/24", "2001:db8::7")))
    assert f"'{node.id}' = @('10.1.2.0/24', '2001:db8::7')" in render("ps1", doc, catalog)


def test_ps_quote_and_one_line():
    assert ps_quote("a'b") == "'a''b'"
    assert ps_quote("a\nb\u2028c\x00d") == "'a b c d'"
    assert one_line("x\r\ny\u0085z\u202e") == "x y z"


@pytest.mark.skipif(not shutil.which("pwsh"), reason="PowerShell is not installed")
def test_ps1_parses_in_powershell(hostile, catalog, tmp_path):
    path = tmp_path / "rules.ps1"
    path.write_text(render("ps1", hostile, catalog), encoding="utf-8")
    check = ("$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile("
             f"'{path}', [ref]$null, [ref]$e); if ($e) {{ $e; exit 1 }}")
    result = subprocess.run(["pwsh", "-NoProfile", "-Command", check], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# ---- nftables

def nft_usable() -> bool:
    if not shutil.which("nft"):
        return False
    probe = "table inet probe {\n\tchain c {\n\t\ttype filter hook forward priority filter; policy accept;\n\t}\n}\n"
    result = subprocess.run(["nft", "-c", "-f", "-"], input=probe, capture_output=True, text=True, timeout=60)
    return result.returncode == 0  # nft -c may need privileges


def test_nft_draft_structure(sample, catalog):
    text = render("nft", sample, catalog)
    assert "DRAFT" in text.splitlines()[1] and "table inet exchange_designer {" in text
    assert "policy accept;" in text
    chains = re.findall(r"^\tchain (\S+) \{$", text, re.MULTILINE)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in chains) and len(set(chains)) == len(chains) == 5
    sets = re.findall(r"^\tset (\S+) \{ type ipv4_addr; flags interval; comment \"node [^\"]*TODO", text,
                      re.MULTILINE)
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", d) for d in sets) and "EDGE01" in sets
    assert len(set(sets)) == len(sets)
    assert "ip saddr @EX01 ip daddr @EDGE01 tcp dport 50636 accept" in text
    assert "ip daddr @EDGE01 tcp dport 25 accept" in text  # from any Internet mail host
    assert "TODO: the IPv4 addresses of EDGE01 (Perimeter network (DMZ)) are not in the design" in text
    assert "elements =" not in text  # the sample has no address: none is invented


def test_nft_comments_are_sanitised(hostile, catalog):
    hostile.replace_node(Node("net", 'a"b\n}\nflush ruleset #' + "é" * 200, "internet_mail", "inet"))
    text = render("nft", hostile, catalog)
    for line in text.splitlines():
        code = re.sub(r'"[^"]*"', '""', line).split("#")[0]  # outside strings and comments
        assert not any(word in code for word in ("flush", "Remove-Item", "Evil", "http")), line
        if " comment " in code:
            assert line.count('"') == 2
            comment = re.search(r'comment "([^"]*)"(; \})?$', line).group(1)
            assert len(comment.encode()) <= 128
    assert not any(line.strip() == "}" and line.startswith("}") for line in text.splitlines()[:-1])


def test_nft_comment():
    assert nft_comment('x"y\\z\nw') == '"x\'y/z w"'
    assert len(nft_comment("ü" * 300).encode()) <= 130


def test_nft_uses_addresses_and_ranges(catalog):
    doc = load_document(SAMPLE_2010, roles=catalog.roles.keys())
    text = render("nft", doc, catalog)
    assert "udp dport 1024-65535 accept" in text and "tcp dport 16000-17000 accept" in text
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz"),
                                ("ex", "mailbox", "lan")], [("c1", "net", "edge"), ("c2", "edge", "ex")])
    doc.replace_node(Node("edge", "EDGE 01", "edge_transport", "dmz", addresses=("2001:db8::25",)))
    doc.replace_node(Node("ex", "EX01", "mailbox", "lan", addresses=("not an address",)))
    text = render("nft", doc, catalog)
    assert "\tset EDGE_01_V6 { type ipv6_addr; flags interval; elements = { 2001:db8::25 }; " in text
    assert ('\tset EX01_V6 { type ipv6_addr; flags interval; comment "node ex: EX01 (TODO: no address in the '
            'design)"; }') in text  # a placeholder of the other end's IP version, empty
    assert "ip6 daddr @EDGE_01_V6 tcp dport 25 accept" in text
    assert "ip6 saddr @EDGE_01_V6 ip6 daddr @EX01_V6 tcp dport 25 accept" in text
    doc.replace_node(Node("ex", "EX01", "mailbox", "lan", addresses=("10.0.0.5",)))
    text = render("nft", doc, catalog)
    assert "different IP versions" in text  # EDGE (v6 only) and EX01 (v4 only)


@pytest.mark.skipif(not nft_usable(), reason="nft is not installed or 'nft -c' needs privileges")
@pytest.mark.parametrize("which", ["hostile", "empty", *[p.name for p in SAMPLES]])
def test_nft_passes_nft_check(which, hostile, catalog, tmp_path):
    if which == "hostile":
        doc = hostile
        doc.replace_node(Node("ex", 'EX "01\n}\nflush ruleset # ' + "é" * 200, "mailbox", "lan"))
    elif which == "empty":
        doc = build("2016", ZONES)
    else:
        doc = load_document(ROOT / "data" / "samples" / which, roles=catalog.roles.keys())
    path = tmp_path / "rules.nft"
    path.write_text(render("nft", doc, catalog), encoding="utf-8")
    result = subprocess.run(["nft", "-c", "-f", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# ---- all formats

def test_every_format_renders_the_empty_design(catalog):
    doc = build("2016", ZONES, [("ex", "mailbox", "lan")])
    for fmt in FORMATS:
        assert render_rules(fmt, doc, catalog, [])
    assert "no firewall rule is needed" in render("md", doc, catalog)
    with pytest.raises(ValueError, match="unknown format"):
        render_rules("pdf", doc, catalog, [])


def test_the_rules_export_imports_no_qt():
    code = ("import sys\nfrom designer.catalog import load_catalog\nfrom designer.io import load_document\n"
            "from designer.analysis import compute_flows\n"
            "from designer.io.firewall_export import FORMATS, render_rules\n"
            "import designer.cli.rules\n"
            f"c = load_catalog(); d = load_document({str(SAMPLE_2016)!r}, c.roles)\n"
            "[render_rules(f, d, c, compute_flows(d, c)) for f in FORMATS]\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
