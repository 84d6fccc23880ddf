"""What the stakeholder report says, as plain data shared by its HTML and PDF forms. Pure Python.

Sources are numbered in order of first citation; the tables cite them as ``[n]`` so the rows
stay narrow, and the Sources section lists each once with its title and address.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..analysis import SEVERITIES, Finding, Flow, boundary_rules
from ..catalog import Catalog
from ..model import Document
from ..support.states import Severity
from .rule_text import boundary_label, rule_reasons, unique

RULE_HEADERS = ("Source", "Destination", "Protocol", "Port", "Services", "Authentication", "Encryption",
                "Justification", "Sources")
MATRIX_HEADERS = ("Source", "Destination", "Source zone", "Destination zone", "Protocol", "Port", "Service",
                  "Authentication", "Encryption", "Crossing", "Notes", "Sources")
FINDING_HEADERS = ("Severity", "Finding", "Affects", "Source")
SEVERITY_NAMES = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}


@dataclass(frozen=True)
class CitedSource:
    number: int
    title: str
    url: str
    publisher: str  # "Microsoft", or whose it is

    @property
    def label(self) -> str:
        return f"[{self.number}]"


@dataclass
class BoundarySection:
    title: str  # "Internet → Perimeter network (DMZ)"
    rows: list[list[str]] = field(default_factory=list)  # RULE_HEADERS


@dataclass
class Report:
    title: str
    version: str  # "Exchange 2016"
    date: str
    facts: list[tuple[str, str]]  # the cover's figures
    zones: list[tuple[str, str]]  # (name, kind)
    boundaries: list[BoundarySection]
    matrix: list[list[str]]  # MATRIX_HEADERS
    notes: list[tuple[str, str]]  # ("N1", text): the matrix cites each note once by its label
    findings: list[list[str]]  # FINDING_HEADERS
    sources: list[CitedSource]


class _Citations:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.numbers: dict[str, CitedSource] = {}

    def cite(self, source_id: str | None) -> str:
        if not source_id:
            return ""
        cited = self.numbers.get(source_id)
        if cited is None:
            source = self.catalog.source(source_id)
            publisher = "Microsoft" if source is None or source.is_microsoft else source.publisher
            cited = CitedSource(len(self.numbers) + 1, source.title if source else source_id,
                                (source.url or "") if source else "", publisher)
            self.numbers[source_id] = cited
        return cited.label


def _port(flow_or_port) -> str:
    return str(flow_or_port.value)


def build_report(doc: Document, catalog: Catalog, flows: Sequence[Flow], findings: Sequence[Finding],
                 today: date | str) -> Report:
    cite = _Citations(catalog)
    boundaries = []
    for boundary in boundary_rules(doc, list(flows)):
        section = BoundarySection(boundary_label(doc, boundary))
        for rule in boundary.rules:
            section.rows.append([
                doc.node(rule.source).name, doc.node(rule.destination).name, rule.port.transport,
                _port(rule.port), "; ".join(rule.services),
                "; ".join(unique(f.authentication for f in rule.flows)),
                "; ".join(unique(f.encryption for f in rule.flows)),
                "; ".join(rule_reasons(rule)), " ".join(unique(cite.cite(f.path.source) for f in rule.flows)),
            ])
        boundaries.append(section)
    notes: dict[str, str] = {}  # text -> label; a path's note is printed once, not on each of its ports
    for f in flows:
        if f.notes and f.notes not in notes:
            notes[f.notes] = f"N{len(notes) + 1}"
    matrix = [[doc.node(f.source).name, doc.node(f.destination).name, doc.zone(f.source_zone).name,
               doc.zone(f.destination_zone).name, f.transport, _port(f.port), f.service, f.authentication,
               f.encryption, "yes" if f.crossing else "no", notes.get(f.notes, ""), cite.cite(f.path.source)]
              for f in flows]
    ordered = sorted(findings, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9)
    finding_rows = [[SEVERITY_NAMES.get(f.severity, f.severity), f.message,
                     ", ".join(doc.node(n).name for n in f.nodes if n in doc.nodes), cite.cite(f.source)]
                    for f in ordered]
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    facts = [("Exchange version", f"Exchange {doc.exchange_version}"), ("Zones", str(len(doc.zones))),
             ("Nodes", str(len(doc.nodes))), ("Connections", str(len(doc.connections))),
             ("Flows", str(len(flows))), ("Flows crossing a zone boundary", str(sum(f.crossing for f in flows))),
             ("Zone boundaries", str(len(boundaries))),
             ("Firewall rules", str(sum(len(b.rows) for b in boundaries))),
             ("Findings", f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                          f"{counts[Severity.INFO]} info")]
    return Report(doc.name, f"Exchange {doc.exchange_version}", str(today), facts,
                  [(z.name, z.kind) for z in doc.zones.values()], boundaries, matrix,
                  [(label, text) for text, label in notes.items()], finding_rows, list(cite.numbers.values()))
