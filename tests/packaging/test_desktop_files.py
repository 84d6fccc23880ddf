"""The Linux desktop entry and AppStream metadata: valid by the freedesktop validators, and
consistent with each other, the spec, the icon generator and the program."""
from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from designer.ui.app import DESKTOP_ID
from designer.cli import PROG

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_files_are_named_by_the_program_desktop_id():
    assert DESKTOP.is_file() and METAINFO.is_file()
    assert sorted(p.name for p in LINUX.iterdir()) == sorted([DESKTOP.name, METAINFO.name])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (Debian: appstream)")
def test_appstreamcli_accepts_the_metadata_strictly():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", "--pedantic",
                             str(METAINFO)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "I:" not in result.stdout and "P:" not in result.stdout, result.stdout


def test_the_entry_starts_the_program_by_its_command_and_icon():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == PROG
    assert entry["TryExec"] == PROG
    assert entry["Icon"] == DESKTOP_ID
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == PROG  # what Qt's xcb window says (the executable's name)


def test_the_metadata_names_the_entry_the_binary_and_a_screenshot():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == DESKTOP_ID
    assert root.find("launchable").get("type") == "desktop-id"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == PROG
    assert root.find("content_rating").get("type").startswith("oars-")
    assert len(root.findall("description/p")) >= 2
    image = root.findtext("screenshots/screenshot/image")
    assert image.startswith("https://") and image.endswith("docs/images/designer.png")
    assert (ROOT / "docs" / "images" / "designer.png").is_file()
    assert root.findtext("name") == _desktop_entry()["Name"]


def test_the_release_is_the_program_version():
    from designer import __version__

    root = ET.parse(METAINFO).getroot()
    assert root.find("releases/release").get("version") == __version__


def test_the_validators_reject_a_broken_entry(tmp_path):
    """The validation tests above can fail: a wrong entry is reported."""
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed")
    broken = tmp_path / DESKTOP.name
    broken.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application", "Type=Program"),
                      encoding="utf-8")
    result = subprocess.run(["desktop-file-validate", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_appstreamcli_rejects_broken_metadata(tmp_path):
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed")
    broken = tmp_path / METAINFO.name
    text = METAINFO.read_text(encoding="utf-8")
    broken.write_text(text.replace("<content_rating", "<content_rating_x"), encoding="utf-8")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", str(broken)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0, result.stdout


def test_the_build_and_smoke_scripts_use_the_same_id():
    for script in ("build", "smoke"):
        text = (ROOT / "packaging" / script).read_text(encoding="utf-8")
        assert f"app_id={DESKTOP_ID}\n" in text, f"packaging/{script} names another id"
