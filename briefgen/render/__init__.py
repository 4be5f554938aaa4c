"""Brief → Markdown, HTML and PDF through Jinja templates and WeasyPrint.

Templates only see the Brief (as `brief`, the dataclass) plus a few filters defined here. Article
text is untrusted, so both environments escape every value they print: HTML with Jinja's
autoescape, Markdown with `markdown_escape.escape` as the environment's `finalize`. Data is only
ever passed to templates as values, never compiled, so `{{ … }}` in an article is just text.

Template lookup: a `templates` folder given by the user is searched first, file by file, and the
default templates fill in whatever it lacks (so a folder holding only `brief.css` restyles the
PDF and keeps the default layout).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import yaml
from markupsafe import Markup

from briefgen.brief import Brief, Party, PartyType
from briefgen.config import Paper
from briefgen.errors import BriefgenError
from briefgen.process import environ_set
from briefgen.render import view
from briefgen.render.formatting import format_amount, plural
from briefgen.render.markdown_escape import escape as md_escape
from briefgen.render.markdown_escape import normalise

MARKDOWN_TEMPLATE = "brief.md.j2"
HTML_TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"
# The pictures, SVG from the Brief: inline in the HTML and PDF, files next to the Markdown.
PICTURES = {"matrix": "matrix.svg.j2", "timeline": "timeline.svg.j2"}
FONTS_STYLESHEET = "fonts.css"  # @font-face rules for the PDF: the fonts shipped in templates/fonts
PAPER_SIZES = {Paper.A4: "A4", Paper.LETTER: "letter"}  # CSS @page sizes

PARTY_TYPES = {
    PartyType.ORG: "organisation",
    PartyType.GPE: "place",
    PartyType.PERSON: "person",
    PartyType.NORP: "group",
}
# Footnote labels and HTML ids are built from source ids; keep them to a safe alphabet.
_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
# Tags name at most this many parties: the principal ones, not everyone mentioned.
MAX_PARTY_TAGS = 5


class RenderError(BriefgenError):
    """A template is missing or broken, or a render option is invalid."""


class MarkdownSafe(str):
    """Markdown produced by this module's own filters: the Markdown `finalize` passes it as is."""


# ---------------------------------------------------------------------------------------------
# Template folders


def default_templates_dir() -> Path:
    """The templates shipped in the wheel (briefgen/templates), else the repository's templates/."""
    package_dir = Path(__file__).resolve().parent.parent  # briefgen/
    for candidate in (package_dir / "templates", package_dir.parent / "templates"):
        if (candidate / MARKDOWN_TEMPLATE).is_file():
            return candidate
    raise RenderError(f"default templates not found next to {package_dir}; reinstall briefgen")


def template_dirs(templates: str | Path | None = None) -> list[Path]:
    """Folders to search, first match wins: the user's folder (if any), then the defaults."""
    dirs: list[Path] = []
    if templates is not None:
        user_dir = Path(templates).expanduser()
        if not user_dir.is_dir():
            raise RenderError(f"templates folder not found: {user_dir}")
        dirs.append(user_dir.resolve())
    default = default_templates_dir().resolve()
    if default not in dirs:
        dirs.append(default)
    return dirs


def find_template_file(name: str, dirs: Sequence[Path]) -> Path:
    for folder in dirs:
        if (folder / name).is_file():
            return folder / name
    raise RenderError(f"template file {name} not found in {', '.join(map(str, dirs))}")


# ---------------------------------------------------------------------------------------------
# Filters shared by both formats (plain strings: each environment escapes them on output)


def footnote_label(source_id: str) -> str:
    return _LABEL_UNSAFE.sub("-", str(source_id)) or "source"


def distinct(ids: Iterable[str]) -> list[str]:
    """Ids in first-seen order without repeats."""
    return list(dict.fromkeys(ids))


def count_sources(ids: Iterable[str]) -> int:
    return len(distinct(ids))


def party_type(code: PartyType | str) -> str:
    """How the brief names a party type ("organisation"); an unknown code in lower case."""
    try:
        return PARTY_TYPES[PartyType(code)]
    except ValueError:
        return code.lower()


def or_dash(value: object) -> object:
    """The value, or an em dash when it is missing or blank (an empty cell reads as an error)."""
    if value is None or (isinstance(value, str) and not normalise(value)):
        return "—"
    return value


def other_aliases(aliases: Iterable[str], name: str) -> list[str]:
    return [alias for alias in distinct(aliases) if alias != name]


def is_featured(party: Party, total_sources: int) -> bool:
    """A party given a table row: a principal (`Party.principal`, decided by the analysis), one
    with a role, or one named in at least half of the sources. The others (places and bodies
    mentioned in passing) still appear, in less room."""
    return (
        party.principal
        or party.role is not None
        or 2 * count_sources(party.sources) >= total_sources
    )


def featured_parties(brief: Brief) -> list[Party]:
    return [p for p in brief.parties if is_featured(p, len(brief.sources))]


def principal_parties(brief: Brief) -> list[Party]:
    """The parties the deal is between, as the analysis marked them (`Party.principal`)."""
    return [p for p in brief.parties if p.principal]


def minor_parties(brief: Brief) -> list[Party]:
    return [p for p in brief.parties if not is_featured(p, len(brief.sources))]


def brief_tags(brief: Brief) -> list[str]:
    """Minerals, then the principal parties, in the Brief's order of importance."""
    parties = [p.name for p in principal_parties(brief)][:MAX_PARTY_TAGS]
    tags = [normalise(m.name) for m in brief.minerals] + [normalise(name) for name in parties]
    return [tag for tag in distinct(tags) if tag]


def front_matter(brief: Brief) -> dict[str, Any]:
    return {
        "title": normalise(brief.title),
        "date": brief.generated,
        "sources": len(brief.sources),
        "tags": brief_tags(brief),
    }


FILTERS = {
    "amount": format_amount,
    "party_type": party_type,
    "or_dash": or_dash,
    "n_sources": count_sources,
    "other_aliases": other_aliases,
    "plural": plural,
    "featured_parties": featured_parties,
    "principal_parties": principal_parties,
    "minor_parties": minor_parties,
    "glance": view.glance,
    "source_line": view.source_line,
    "sources_note": view.sources_note,
}


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_finalize(value: object) -> str:
    if isinstance(value, MarkdownSafe):
        return value
    if value is None:
        return ""
    return md_escape(str(value))


def in_source_order(ids: Iterable[str], brief: Brief) -> list[str]:
    """Distinct ids ordered as the Brief lists its sources (unknown ids last, as given), so
    references read 1, 2, 4 rather than in whatever order the analysis found them."""
    position = {source.id: n for n, source in enumerate(brief.sources)}
    unique = distinct(ids)
    return sorted(unique, key=lambda i: (position.get(i, len(position)), unique.index(i)))


@jinja2.pass_context
def _md_refs(context: jinja2.runtime.Context, ids: Iterable[str]) -> MarkdownSafe:
    """One reference link per source, "[S2][], [S5][]": it renders as "S2, S5", each a link
    to the Sources section (`_md_link_targets`). Not footnotes: renderers number repeated
    footnote references ("[2:1]") and give each source a back-link per reference."""
    ordered = in_source_order(ids, context["brief"])
    return MarkdownSafe(", ".join(f"[{_md_label(i)}][]" for i in ordered))


def _md_label(source_id: str) -> str:
    return footnote_label(source_id)


def _md_link_targets(brief: Brief) -> MarkdownSafe:
    """The link reference definitions the references resolve to (they render as nothing). The
    target is the Sources heading, whose anchor is "#sources" on GitHub, GitLab and MkDocs."""
    labels = distinct(_md_label(s.id) for s in brief.sources)
    return MarkdownSafe("\n".join(f"[{label}]: #sources" for label in labels))


def _md_source_label(source_id: str) -> MarkdownSafe:
    return MarkdownSafe(f"**{_md_label(source_id)}**")


@jinja2.pass_context
def _md_picture(context: jinja2.runtime.Context, name: str) -> MarkdownSafe:
    """The relative file name of picture `name` ("matrix") next to the Markdown."""
    return MarkdownSafe(quote(f"{context['pictures']}.{name}.svg", safe="{}"))


def _md_front_matter(brief: Brief) -> MarkdownSafe:
    # safe_dump quotes whatever needs it ("---", ": ", "#", newlines): data cannot end the block.
    dumped = yaml.safe_dump(
        front_matter(brief),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return MarkdownSafe(f"---\n{dumped}---")


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...], *, html: bool) -> jinja2.Environment:
    """One environment per template folders and format, kept so that a batch of briefs compiles
    each template once (Jinja still notices a template edited on disk and recompiles it)."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs])
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        finalize=None if html else _md_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    if html:
        env.filters.update(refs=_html_refs, anchor=_html_anchor)
    else:
        env.filters.update(
            refs=_md_refs,
            picture=_md_picture,
            source_label=_md_source_label,
            link_targets=_md_link_targets,
            front_matter=_md_front_matter,
        )
    return env


def _as_brief(brief: Brief | dict[str, Any]) -> Brief:
    return brief if isinstance(brief, Brief) else Brief.from_dict(brief)


def _render(env: jinja2.Environment, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(f"{error.filename}:{error.lineno}: {error.message}") from error
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template {error.name} not found") from error
    except jinja2.UndefinedError as error:
        raise RenderError(f"template {name}: {error.message}") from error


def render_markdown(
    brief: Brief | dict[str, Any],
    templates: str | Path | None = None,
    pictures: str | None = None,
) -> str:
    """The brief as GitHub-flavoured Markdown with YAML front matter and linked sources.

    `pictures`: the file stem of the brief's SVG pictures (`render_pictures`) written next to
    the Markdown as `<stem>.matrix.svg` and `<stem>.timeline.svg`; the Markdown shows them.
    None leaves the pictures out."""
    env = _environment(tuple(template_dirs(templates)), html=False)
    text = _render(env, MARKDOWN_TEMPLATE, brief=_as_brief(brief), pictures=pictures)
    # One trailing newline whatever the template does: wiki diffs stay quiet.
    return text.rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# HTML


def _html_anchor(source_id: str) -> str:
    return f"src-{footnote_label(source_id)}"


@jinja2.pass_context
def _html_refs(context: jinja2.runtime.Context, ids: Iterable[str]) -> Markup:
    """Superscript source numbers, each linking to its entry in the Sources list."""
    brief = context["brief"]
    numbers = {s.id: n for n, s in enumerate(brief.sources, start=1)}
    links = [
        Markup('<a href="#{}">{}</a>').format(_html_anchor(i), numbers.get(i, i))
        for i in in_source_order(ids, brief)
    ]
    if not links:
        return Markup("")
    return Markup('<sup class="refs">{}</sup>').format(Markup(",").join(links))


def _paper(paper: Paper | str) -> str:
    try:
        return PAPER_SIZES[Paper(paper.lower())]
    except ValueError:
        sizes = ", ".join(PAPER_SIZES)
        raise RenderError(f"unknown paper size {paper!r}; use one of: {sizes}") from None


def render_html(
    brief: Brief | dict[str, Any],
    templates: str | Path | None = None,
    paper: Paper | str = Paper.A4,
) -> str:
    """A self-contained HTML page (the stylesheet inlined) laid out for print on `paper`."""
    dirs = template_dirs(templates)
    css = find_template_file(STYLESHEET, dirs).read_text(encoding="utf-8")
    env = _environment(tuple(dirs), html=True)
    the_brief = _as_brief(brief)
    return _render(
        env,
        HTML_TEMPLATE,
        brief=the_brief,
        **_pictures_context(the_brief),
        # The stylesheet comes from the template folder: as trusted as the template itself.
        stylesheet=Markup(css.replace("</", "<\\/")),
        paper=_paper(paper),
    )


def _pictures_context(brief: Brief) -> dict[str, Any]:
    """What the SVG templates draw: the view models, computed from the Brief."""
    return {"matrix": view.corroboration(brief), "strip": view.timeline_strip(brief)}


def render_pictures(
    brief: Brief | dict[str, Any], templates: str | Path | None = None
) -> dict[str, str]:
    """The brief's pictures as standalone SVG documents: {"matrix": ..., "timeline": ...}."""
    env = _environment(tuple(template_dirs(templates)), html=True)
    the_brief = _as_brief(brief)
    context = _pictures_context(the_brief)
    return {
        name: _render(env, template, brief=the_brief, **context)
        for name, template in PICTURES.items()
    }


# ---------------------------------------------------------------------------------------------
# PDF


def source_date_epoch(generated: str) -> int:
    """Midnight UTC of the brief's date, as seconds since 1970 (the SOURCE_DATE_EPOCH format)."""
    try:
        day = date.fromisoformat(generated)
    except ValueError as error:
        raise RenderError(f"brief date {generated!r} is not YYYY-MM-DD") from error
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def render_pdf(
    brief: Brief | dict[str, Any],
    templates: str | Path | None = None,
    paper: Paper | str = Paper.A4,
) -> bytes:
    """The brief as PDF bytes: identical bytes for the same Brief, templates and paper."""
    # weasyprint costs ~0.5 s to import: only pay for it when a PDF is asked for.
    from briefgen.process import quick_library_lookup

    with quick_library_lookup():  # its library lookup: one ldconfig, not ~68 subprocesses
        from weasyprint import HTML

    from briefgen.render.fetcher import TemplateFolderFetcher

    the_brief = _as_brief(brief)
    dirs = template_dirs(templates)
    page = render_html(the_brief, templates, paper)
    fetcher = TemplateFolderFetcher(dirs)
    # Relative references resolve in the user's folder when there is one (the default templates
    # use none), so a user's template or stylesheet can name its own images and fonts.
    base_dir = dirs[0]
    fonts, fonts_css = _pdf_fonts(tuple(dirs))
    # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set.
    # Process-wide, so two PDF renders must not run in parallel threads of one process.
    with environ_set("SOURCE_DATE_EPOCH", str(source_date_epoch(the_brief.generated))):
        document = HTML(string=page, base_url=str(base_dir) + os.sep, url_fetcher=fetcher)
        pdf = document.write_pdf(stylesheets=[fonts_css], font_config=fonts)
    assert isinstance(pdf, bytes)
    return pdf


# The PDF's fonts, per process and template folders: (FontConfiguration, fonts.css parsed).
_PDF_FONTS: dict[tuple[Any, ...], tuple[Any, Any]] = {}


def _pdf_fonts(dirs: tuple[Path, ...]) -> tuple[Any, Any]:
    """The font configuration with fonts.css's faces registered, and fonts.css as a WeasyPrint
    stylesheet: made by the first PDF of a batch and reused by the others (~25 ms a PDF; the
    same bytes, tests/test_batch.py). Keyed by the files that can declare fonts, so an edited
    template folder gets fresh ones, and by the process: a forked worker makes its own."""
    from weasyprint.text.fonts import FontConfiguration

    from briefgen.render.fetcher import TemplateFolderFetcher

    files = [
        find_template_file(name, dirs) for name in (FONTS_STYLESHEET, STYLESHEET, HTML_TEMPLATE)
    ]
    stamps = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    key = (os.getpid(), dirs, stamps)
    if key not in _PDF_FONTS:
        pid = os.getpid()
        if not any(k[0] == pid for k in _PDF_FONTS):
            _drop_pdf_fonts_at_exit()
        for stale in [k for k in _PDF_FONTS if k[:2] == key[:2]]:  # the folder was edited
            _drop_fonts(_PDF_FONTS.pop(stale)[0])
        fonts = FontConfiguration()  # where @font-face faces are registered
        css = _fonts_stylesheet(list(dirs), TemplateFolderFetcher(dirs), fonts)
        _PDF_FONTS[key] = (fonts, css)
    return _PDF_FONTS[key]


def _drop_pdf_fonts_at_exit() -> None:
    """A FontConfiguration copies the fonts into a temporary folder, deleted in its __del__;
    but reference cycles keep it alive, and the `briefgen` process and its workers end with
    os._exit, which frees nothing. So this process's are dropped by multiprocessing's exit
    hook, which runs in both (at atexit, which exit_now runs, and as a worker ends)."""
    from multiprocessing import util

    pid = os.getpid()

    def drop() -> None:
        for key in [k for k in _PDF_FONTS if k[0] == pid]:
            _drop_fonts(_PDF_FONTS.pop(key)[0])

    util.Finalize(None, drop, exitpriority=0)


def _drop_fonts(fonts: Any) -> None:
    """WeasyPrint's own clean-up of a FontConfiguration: its temporary font folder removed."""
    fonts.__del__()


def _fonts_stylesheet(dirs: Sequence[Path], fetcher: Any, fonts: Any) -> Any:
    """fonts.css with its `url(fonts/…)` resolved in the folder that holds it, fetched by the
    template-folder fetcher: the PDF embeds the shipped fonts, whatever the machine has."""
    from weasyprint import CSS

    path = find_template_file(FONTS_STYLESHEET, dirs)
    return CSS(
        string=path.read_text(encoding="utf-8"),
        base_url=str(path.parent) + os.sep,
        url_fetcher=fetcher,
        font_config=fonts,
    )
