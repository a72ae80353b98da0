#!/usr/bin/env python3
"""Writes the long-tail PDF set into OUT (see ../longtail.sh): one function per file, each
deterministic; files that exist are kept. Then writes OUT/manifest.jsonl with, per file, the
page count from `pdfinfo`, the `pdftotext -enc UTF-8` output (saved as <file>.txt) and the
class; where pdftotext is known to be wrong, a `truth_file` written from the source text and
a note saying why.

    /usr/bin/python3 generate.py OUT
"""
import json
import os
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import crypt  # noqa: E402
import texts  # noqa: E402
from pdfw import Doc, hexs, pdf_str  # noqa: E402

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CMAPS = "/usr/share/poppler/cMap"
FIXED_DATE = b"D:20240101000000Z"

GENERATORS = []


TRUTHS = {}

# What pdftotext 22.12 gets wrong on cairo's right-to-left output (checked by hand against the
# source text, which is the truth for these files).
CAIRO_RTL = ("pdftotext splits words where cairo's glyph positions overlap (e.g. 'מס מ ך' for "
             "'מסמך', 'وكلم ة' for 'وكلمة') and reverses the two letters of the lam-alef "
             "ligature ('الختبار' for 'لاختبار'); the truth is the source text")


def file(path, klass, note="", truth=None, wrong=None):
    """Registers a generator writing OUT/path; `truth` (the source lines) replaces pdftotext
    as the reference where pdftotext is wrong, for the reason `wrong`."""
    def register(fn):
        GENERATORS.append((path, klass, note, fn))
        if truth is not None:
            TRUTHS[path] = (truth, wrong)
        return fn
    return register


def helvetica(d):
    return d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")


def fix_dates(data):
    """Replaces every PDF date string with a fixed one of the same length (offsets stay)."""
    def repl(m):
        raw = m.group(1)
        fixed = FIXED_DATE[:len(raw)].ljust(len(raw), b"0") if len(raw) >= 6 else raw
        return b"(" + fixed + b")"
    return re.sub(rb"\((D:[0-9+\-Z']{4,40})\)", repl, data)


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


# ------------------------------------------------------------------ right-to-left

def pango(out, lines, font="DejaVu Sans 14", width=None, rtl=False):
    src = out + ".src.txt"
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    cmd = ["pango-view", "--no-display", "--output", out, "--font", font, "--margin", "36"]
    if width:
        cmd += ["--width", str(width), "--wrap", "word"]
    if rtl:
        cmd += ["--rtl"]
    run(*cmd, src, env=dict(os.environ, LC_ALL="C.UTF-8"))
    os.remove(src)
    with open(out, "rb") as f:
        data = fix_dates(f.read())
    with open(out, "wb") as f:
        f.write(data)


@file("rtl/pango_hebrew.pdf", "rtl", truth=texts.HEBREW, wrong=CAIRO_RTL, note="cairo/pango: Hebrew drawn glyph by glyph leftwards in logical order")
def _(out):
    pango(out, texts.HEBREW)


@file("rtl/pango_arabic.pdf", "rtl", truth=texts.ARABIC, wrong=CAIRO_RTL, note="cairo/pango: shaped Arabic, ToUnicode to base letters")
def _(out):
    pango(out, texts.ARABIC)


@file("rtl/pango_arabic_wrapped.pdf", "rtl", truth=texts.ARABIC, wrong=CAIRO_RTL, note="cairo/pango: a long Arabic paragraph wrapped at 300 pt")
def _(out):
    pango(out, [" ".join(texts.ARABIC)], width=300)


@file("rtl/pango_hebrew_mono.pdf", "rtl", truth=texts.HEBREW, wrong=CAIRO_RTL, note="cairo/pango: Hebrew in DejaVu Sans Mono, wrapped")
def _(out):
    pango(out, [" ".join(texts.HEBREW)], font="DejaVu Sans Mono 12", width=360)


@file("rtl/pango_mixed_ltr.pdf", "rtl", "mostly English page with Hebrew and Arabic words")
def _(out):
    pango(out, texts.MIXED_LTR + texts.LATIN)


def visual(line):
    """A right-to-left paragraph line in visual order: runs of right-to-left letters (with
    the spaces and punctuation between them) reversed, left-to-right runs kept, run order
    reversed."""
    def rtl(c):
        return "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufeff"
    runs, cur, cur_rtl = [], "", None
    for c in line:
        kind = rtl(c) if (c.isalnum() or rtl(c)) else cur_rtl
        if cur and kind != cur_rtl and cur_rtl is not None:
            runs.append((cur, cur_rtl))
            cur = ""
        cur += c
        cur_rtl = kind if kind is not None else cur_rtl
    if cur:
        runs.append((cur, cur_rtl))
    out = []
    for text, is_rtl in reversed(runs):
        if is_rtl is False:
            # Spaces at the edges of a left-to-right run belong to the right-to-left text.
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            core = text.strip()
            out.append(" " * trail + core + " " * lead)
        else:
            out.append(text[::-1])
    return "".join(out)


@file("rtl/reportlab_hebrew_visual.pdf", "rtl", "reportlab: Hebrew lines written in visual order, 3 pages")
def _(out):
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    c = canvas.Canvas(out, invariant=1)
    for page in range(3):
        c.setFont("DejaVu", 13)
        y = 760
        for i, line in enumerate(texts.HEBREW):
            text = visual(line if page == 0 else texts.HEBREW[(i + page) % len(texts.HEBREW)])
            c.drawRightString(540, y, text)
            y -= 22
        c.drawString(72, 60, "Page %d" % (page + 1))
        c.showPage()
    c.save()


@file("rtl/reportlab_arabic_visual.pdf", "rtl", "reportlab: unshaped Arabic letters in visual order")
def _(out):
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    c = canvas.Canvas(out, invariant=1)
    c.setFont("DejaVu", 13)
    y = 760
    for line in texts.ARABIC:
        c.drawRightString(540, y, visual(line))
        y -= 22
    c.showPage()
    c.save()


# Hebrew letters by Adobe glyph name (alef..tav, with final forms).
HEBREW_NAMES = {chr(0x05D0 + i): "afii%d" % (57664 + i) for i in range(27)}


@file("rtl/handmade_hebrew_names.pdf", "rtl",
      "simple font, Differences with Hebrew glyph names; words drawn glyph by glyph leftwards with Td")
def _(out):
    d = Doc()
    codes = {}
    diffs = []
    for i, (c, name) in enumerate(sorted(HEBREW_NAMES.items())):
        codes[c] = 0xA0 + i
        diffs.append("/" + name)
    widths = " ".join(["278"] + ["556"] * 94 + ["600"] * 161)
    font = d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 287 "
                 "/Widths [%s] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
                 "/Differences [160 %s] >> >>" % (widths, " ".join(diffs)))
    ops = ["BT /F1 14 Tf"]
    y = 740
    for line in texts.HEBREW[:4]:
        # Logical order, each glyph left of the one before; a Latin word or a number is one
        # run drawn left to right in its place.
        x = 540.0
        for run in re.findall(r"[A-Za-z0-9]+|.", line):
            if len(run) > 1 or run.isascii() and run.isalnum():
                w = 0.556 * 14 * len(run)
                ops.append("1 0 0 1 %.2f %d Tm %s Tj" % (x - w, y, pdf_str(run.encode("cp1252")).decode("latin-1")))
                x -= w
            elif run in codes:
                w = 0.6 * 14
                ops.append("1 0 0 1 %.2f %d Tm <%02X> Tj" % (x - w, y, codes[run]))
                x -= w
            elif run == " ":
                x -= 0.278 * 14
            else:
                w = 0.278 * 14
                ops.append("1 0 0 1 %.2f %d Tm %s Tj" % (x - w, y, pdf_str(run.encode("cp1252", "replace")).decode("latin-1")))
                x -= w
        y -= 24
    ops.append("ET")
    d.page("\n".join(ops), "<< /Font << /F1 %d 0 R >> >>" % font)
    with open(out, "wb") as f:
        f.write(d.build())


@file("rtl/handmade_arabic_forms.pdf", "rtl",
      "Type0 Identity-H, ToUnicode to Arabic presentation forms, drawn left to right in visual order")
def _(out):
    # "سلام عليكم" in presentation forms, logical order, then drawn in visual order.
    words = [["\ufeb3", "\ufee0", "\ufe8e", "\ufee1"], ["\ufecb", "\ufee0", "\ufef4", "\ufedc", "\ufee2"]]
    glyphs = {}
    for w in words:
        for c in w:
            glyphs.setdefault(c, len(glyphs) + 1)
    d = Doc()
    cmap = "\n".join(["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
                      "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
                      "1 begincodespacerange <0000> <FFFF> endcodespacerange",
                      "%d beginbfchar" % len(glyphs)]
                     + ["<%04X> <%04X>" % (g, ord(c)) for c, g in glyphs.items()]
                     + ["endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"])
    tu = d.stream(cmap)
    desc = d.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArabicFont /CIDSystemInfo "
                 "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
    font = d.add("<< /Type /Font /Subtype /Type0 /BaseFont /ArabicFont /Encoding /Identity-H "
                 "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (desc, tu))
    ops = ["BT /F1 16 Tf"]
    for row in range(3):
        codes = []
        for w in reversed(words):
            codes.append("".join("%04X" % glyphs[c] for c in reversed(w)))
        ops.append("1 0 0 1 300 %d Tm [<%s> -500 <%s>] TJ" % (700 - 30 * row, codes[0], codes[1]))
    ops.append("ET")
    d.page("\n".join(ops), "<< /Font << /F1 %d 0 R >> >>" % font)
    with open(out, "wb") as f:
        f.write(d.build())


# ------------------------------------------------------------------ forms

@file("forms/reportlab_fields.pdf", "forms", "reportlab AcroForm: text, list box, combo box, check box, radio; with appearances")
def _(out):
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(out, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 740, "Application form")
    f = c.acroForm
    c.drawString(72, 700, "Name:")
    f.textfield(name="name", value="Jane Q. Example", x=140, y=690, width=250, height=20)
    c.drawString(72, 650, "City:")
    f.textfield(name="city", value="Lisbon harbour district", x=140, y=640, width=250, height=20)
    c.drawString(72, 600, "Fruit:")
    f.listbox(name="fruit", options=["apple", "banana", "cherry", "damson"], value="banana",
              x=140, y=530, width=120, height=70)
    c.drawString(72, 500, "Colour:")
    f.choice(name="colour", options=["crimson", "teal", "ochre"], value="teal", x=140, y=490,
             width=120, height=20)
    f.checkbox(name="agree", x=140, y=450, checked=True)
    c.drawString(170, 455, "I agree")
    f.radio(name="size", value="small", selected=True, x=140, y=410)
    f.radio(name="size", value="large", selected=False, x=200, y=410)
    c.drawString(260, 415, "Size")
    c.showPage()
    c.save()


@file("forms/reportlab_multiline.pdf", "forms", "reportlab AcroForm: multi-line text fields on two pages")
def _(out):
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(out, invariant=1)
    for page in range(2):
        c.setFont("Helvetica", 12)
        c.drawString(72, 740, "Comments, page %d" % (page + 1))
        c.acroForm.textfield(name="comments%d" % page, x=72, y=500, width=400, height=200,
                             fieldFlags="multiline",
                             value="First line of the remarks\nSecond line mentions invoice 4711\nThird line ends here")
        c.acroForm.textfield(name="signature%d" % page, x=72, y=440, width=200, height=20,
                             value="Signed by Joao Example")
        c.showPage()
    c.save()


def form_doc(need_appearances, with_ap):
    """A form whose fields carry values; with `with_ap`, each widget also has an appearance
    stream that draws its value."""
    d = Doc()
    font = helvetica(d)
    fields = []
    widgets = []

    def ap(text_lines, w, h):
        ops = ["/Tx BMC q BT /Helv 11 Tf 0 g"]
        y = h - 13
        for line in text_lines:
            ops.append("1 0 0 1 2 %.1f Tm %s Tj" % (y, pdf_str(line.encode("cp1252")).decode("latin-1")))
            y -= 12
        ops.append("ET Q EMC")
        return d.stream("\n".join(ops), b"/Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /Helv %d 0 R >> >> " % (w, h, font))

    def widget(rect, extra, shown=None, parent=None, flags=4):
        x0, y0, x1, y1 = rect
        body = "<< /Type /Annot /Subtype /Widget /Rect [%d %d %d %d] /F %d /DA (/Helv 11 Tf 0 g) %s" % (x0, y0, x1, y1, flags, extra)
        if parent:
            body += " /Parent %d 0 R" % parent
        if with_ap and shown is not None:
            body += " /AP << /N %d 0 R >>" % ap(shown, x1 - x0, y1 - y0)
        num = d.add(body + " >>")
        widgets.append(num)
        return num

    fields.append(widget((150, 690, 400, 710), "/FT /Tx /T (name) /V (Maria Example)", ["Maria Example"]))
    fields.append(widget((150, 650, 400, 670), "/FT /Tx /T (greek) /V <FEFF039503BB03BB03B703BD03B903BA03AC>", None))
    fields.append(widget((150, 610, 400, 630), "/FT /Tx /T (secret) /Ff 8192 /V (hunter2)", ["*******"]))
    fields.append(widget((150, 570, 400, 590), "/FT /Tx /T (hidden) /V (invisiblevalue)", ["invisiblevalue"], flags=2))
    fields.append(widget((150, 480, 300, 560), "/FT /Ch /T (fruit) /Opt [(apple) (banana) (cherry) (damson)] /TI 1 /V (cherry)",
                         ["banana", "cherry", "damson"]))
    fields.append(widget((150, 440, 300, 460), "/FT /Ch /Ff 131072 /T (country) /Opt [[(pt) (Portugal)] [(es) (Spain)]] /V (pt)",
                         ["Portugal"]))
    fields.append(widget((150, 400, 260, 420), "/FT /Btn /Ff 65536 /T (send) /MK << /CA (Submit now) >>", ["Submit now"]))
    # A field with two widgets (kids) and the value on the parent.
    parent = d.reserve()
    k1 = widget((150, 360, 400, 380), "", ["Shared value"], parent=parent)
    k2 = widget((150, 330, 400, 350), "", ["Shared value"], parent=parent)
    d.add("<< /FT /Tx /T (shared) /V (Shared value) /Kids [%d 0 R %d 0 R] >>" % (k1, k2), parent)
    fields = [f for f in fields] + [parent]
    labels = ["Name:", "Greek:", "Password:", "Hidden:", "Fruit:", "Country:", "Button:", "Shared:"]
    ys = [695, 655, 615, 575, 545, 445, 405, 365]
    ops = ["BT /F1 12 Tf"] + ["1 0 0 1 72 %d Tm (%s) Tj" % (y, t) for t, y in zip(labels, ys)] + ["ET"]
    na = " /NeedAppearances true" if need_appearances else ""
    d.catalog_extra = ("/AcroForm << /Fields [%s] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >>%s >>"
                       % (" ".join("%d 0 R" % f for f in fields), font, na)).encode()
    annots = " ".join("%d 0 R" % w for w in widgets if w not in (k1, k2)) + " %d 0 R %d 0 R" % (k1, k2)
    d.page("\n".join(ops), "<< /Font << /F1 %d 0 R >> >>" % font, "/Annots [%s]" % annots)
    return d.build()


@file("forms/handmade_need_appearances.pdf", "forms",
      "NeedAppearances, values but no appearance streams: text, UTF-16, password, hidden, list box with TI, combo with export values, push button, inherited value")
def _(out):
    with open(out, "wb") as f:
        f.write(form_doc(True, False))


@file("forms/handmade_appearances.pdf", "forms", "the same fields with appearance streams and no NeedAppearances")
def _(out):
    with open(out, "wb") as f:
        f.write(form_doc(False, True))


@file("forms/handmade_annotations.pdf", "forms", "FreeText and Stamp annotations with appearances, a FreeText and a sticky note without one, an appearance state dictionary, a hidden one")
def _(out):
    d = Doc()
    font = helvetica(d)

    def ap(text):
        return d.stream("BT /F1 12 Tf 2 5 Td (%s) Tj ET" % text,
                        b"/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 %d 0 R >> >> " % font)
    annots = [
        d.add("<< /Type /Annot /Subtype /FreeText /Rect [72 600 272 620] /F 4 /AP << /N %d 0 R >> /DA (/F1 12 Tf) /Contents (Reviewer remark) >>" % ap("Reviewer remark")),
        d.add("<< /Type /Annot /Subtype /Stamp /Rect [72 560 472 600] /AP << /N %d 0 R >> >>" % ap("APPROVED stamp")),
        d.add("<< /Type /Annot /Subtype /Text /Rect [72 520 92 540] /Contents (sticky note text) >>"),
        d.add("<< /Type /Annot /Subtype /Widget /Rect [72 480 272 500] /AP << /N << /On %d 0 R /Off %d 0 R >> >> /AS /On >>" % (ap("state on"), ap("state off"))),
        d.add("<< /Type /Annot /Subtype /FreeText /Rect [72 440 272 460] /F 2 /AP << /N %d 0 R >> >>" % ap("hidden remark")),
        d.add("<< /Type /Annot /Subtype /FreeText /Rect [72 400 372 420] /F 4 /DA (/Helv 12 Tf 0 g) /Contents (Free text drawn from its contents) >>"),
    ]
    d.page("BT /F1 12 Tf 72 720 Td (Document with annotations) Tj ET", "<< /Font << /F1 %d 0 R >> >>" % font,
           "/Annots [%s]" % " ".join("%d 0 R" % a for a in annots))
    with open(out, "wb") as f:
        f.write(d.build())


@file("forms/qpdf_flattened.pdf", "forms", "the reportlab form with its annotations flattened into the page by qpdf")
def _(out):
    src = out + ".src.pdf"
    GEN["forms/reportlab_fields.pdf"](src)
    run("qpdf", "--static-id", "--flatten-annotations=all", "--generate-appearances", src, out)
    os.remove(src)


# ------------------------------------------------------------------ hidden and off-page text

@file("hidden/off_page.pdf", "hidden", "text moved off the page: Td outside BT, negative and too large coordinates, a line running off the right edge")
def _(out):
    d = Doc()
    font = helvetica(d)
    content = "\n".join([
        "BT /F1 12 Tf 72 720 Td (Visible heading of the page) Tj ET",
        "/F1 12 Tf 72 700 Td (moved outside words) Tj",
        "BT /F1 12 Tf -400 500 Td (left of the page) Tj ET",
        "BT /F1 12 Tf 72 900 Td (above the page) Tj ET",
        "BT /F1 12 Tf 72 -40 Td (below the page) Tj ET",
        "BT /F1 12 Tf 400 400 Td (this line starts on the page and runs far beyond its right edge) Tj ET",
        "BT /F1 12 Tf 72 300 Td (Visible closing line) Tj ET",
    ])
    d.page(content, "<< /Font << /F1 %d 0 R >> >>" % font)
    with open(out, "wb") as f:
        f.write(d.build())


@file("hidden/media_box_offset.pdf", "hidden", "media box [100 100 500 700]: text outside it is not on the page")
def _(out):
    d = Doc()
    font = helvetica(d)
    content = "BT /F1 12 Tf 120 650 Td (Inside the media box) Tj ET BT /F1 12 Tf 20 650 Td (outside left) Tj ET BT /F1 12 Tf 120 740 Td (outside top) Tj ET"
    d.page(content, "<< /Font << /F1 %d 0 R >> >>" % font, media=(100, 100, 500, 700))
    with open(out, "wb") as f:
        f.write(d.build())


@file("hidden/optional_content.pdf", "hidden", "optional content: marked content and a form in groups that are off, an OCMD, a visibility expression, BaseState OFF")
def _(out):
    d = Doc()
    font = helvetica(d)
    on = d.add("<< /Type /OCG /Name (Shown layer) >>")
    off = d.add("<< /Type /OCG /Name (Hidden layer) >>")
    base_off = d.add("<< /Type /OCG /Name (Off by base state) >>")
    ocmd_all = d.add("<< /Type /OCMD /OCGs [%d 0 R %d 0 R] /P /AllOn >>" % (on, off))
    ocmd_ve = d.add("<< /Type /OCMD /VE [/Or %d 0 R [/Not %d 0 R]] >>" % (off, off))
    form = d.stream("BT /F1 12 Tf 72 400 Td (form in hidden layer) Tj ET",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /OC %d 0 R /Resources << /Font << /F1 %d 0 R >> >> " % (off, font))
    d.catalog_extra = (b"/OCProperties << /OCGs [%d 0 R %d 0 R %d 0 R] /D << /BaseState /OFF /ON [%d 0 R] /OFF [%d 0 R] >> >>"
                       % (on, off, base_off, on, off))
    content = "\n".join([
        "BT /F1 12 Tf 72 720 Td (Always visible text) Tj ET",
        "/OC /on BDC BT /F1 12 Tf 72 680 Td (text in the shown layer) Tj ET EMC",
        "/OC /off BDC BT /F1 12 Tf 72 640 Td (text in the hidden layer) Tj ET EMC",
        "/OC /base BDC BT /F1 12 Tf 72 600 Td (text off by base state) Tj ET EMC",
        "/OC /all BDC BT /F1 12 Tf 72 560 Td (text needing both layers) Tj ET EMC",
        "/OC /ve BDC BT /F1 12 Tf 72 520 Td (text shown by expression) Tj ET EMC",
        "/Fm Do",
    ])
    d.page(content, "<< /Font << /F1 %d 0 R >> /XObject << /Fm %d 0 R >> /Properties << /on %d 0 R /off %d 0 R /base %d 0 R /all %d 0 R /ve %d 0 R >> >>"
           % (font, form, on, off, base_off, ocmd_all, ocmd_ve))
    with open(out, "wb") as f:
        f.write(d.build())


@file("hidden/under_image.pdf", "hidden", "text covered by an opaque image and OCR-style invisible text (pdftotext extracts both, and so do we)")
def _(out):
    d = Doc()
    font = helvetica(d)
    pix = zlib.compress(bytes([200, 30, 30]) * (16 * 16))
    im = d.add(("stream", b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode ", pix))
    content = "\n".join([
        "BT /F1 12 Tf 72 720 Td (Visible text above the picture) Tj ET",
        "BT /F1 12 Tf 72 600 Td (text covered by the picture) Tj ET",
        "q 300 0 0 60 60 590 cm /Im1 Do Q",
        "BT 3 Tr /F1 12 Tf 72 500 Td (invisible recognised text) Tj ET",
    ])
    d.page(content, "<< /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >>" % (font, im))
    with open(out, "wb") as f:
        f.write(d.build())


@file("hidden/actual_text.pdf", "hidden", "ActualText spans replacing the glyphs drawn inside them")
def _(out):
    d = Doc()
    font = helvetica(d)
    content = "\n".join([
        "BT /F1 12 Tf 72 720 Td (The word ) Tj /Span << /ActualText (office) >> BDC (o\\214ce) Tj EMC ( is spelt with a ligature.) Tj ET",
        "BT /F1 12 Tf 72 700 Td /Span << /ActualText <FEFF00480065006C006C006F> >> BDC (XXXXX) Tj EMC ( world) Tj ET",
    ])
    d.page(content, "<< /Font << /F1 %d 0 R >> >>" % font)
    with open(out, "wb") as f:
        f.write(d.build())


# ------------------------------------------------------------------ encryption without /ID

def encrypted(out, revision, file_id):
    sec = crypt.Standard(revision, user=b"", owner=b"owner-secret", file_id=file_id)
    d = Doc()
    d.info = b"<< /Title %s /Producer %s >>" % (hexs(b"Encrypted without ID"), hexs(b"pipes-media longtail"))
    font = helvetica(d)
    for page in range(2):
        lines = texts.LATIN[page * 2:page * 2 + 2] + ["Revision %d, page %d" % (revision, page + 1)]
        ops = ["BT /F1 12 Tf 72 720 Td"] + ["%s Tj 0 -16 Td" % pdf_str(l.encode("cp1252")).decode("latin-1") for l in lines] + ["ET"]
        d.page("\n".join(ops), "<< /Font << /F1 %d 0 R >> >>" % font)
    d.file_id = None if not file_id else b"%s %s" % (hexs(file_id), hexs(file_id))
    d.encrypt = sec.encrypt
    d.encrypt_dict = sec.dictionary()
    with open(out, "wb") as f:
        f.write(d.build())


@file("encrypted/rc4_40_no_id.pdf", "encrypted", "RC4 40-bit (R2), empty user password, no /ID in the trailer")
def _(out):
    encrypted(out, 2, b"")


@file("encrypted/rc4_128_no_id.pdf", "encrypted", "RC4 128-bit (R3), empty user password, no /ID in the trailer")
def _(out):
    encrypted(out, 3, b"")


@file("encrypted/aes_128_no_id.pdf", "encrypted", "AES-128 (R4, AESV2), empty user password, no /ID in the trailer")
def _(out):
    encrypted(out, 4, b"")


@file("encrypted/attachments_only.pdf", "encrypted",
      "V4 crypt filter for embedded files only (StmF and StrF Identity) with a user password: the pages are not encrypted")
def _(out):
    file_id = bytes(range(16))
    sec = crypt.Standard(4, user=b"secret", owner=b"owner-secret", file_id=file_id)
    d = Doc()
    font = helvetica(d)
    d.page("BT /F1 12 Tf 72 720 Td (Only the attachments of this document need a password.) Tj ET",
           "<< /Font << /F1 %d 0 R >> >>" % font)
    d.file_id = b"%s %s" % (hexs(file_id), hexs(file_id))
    d.encrypt_dict = sec.dictionary().replace(
        b"/StmF /StdCF /StrF /StdCF", b"/StmF /Identity /StrF /Identity /EFF /StdCF").replace(
        b"/AuthEvent /DocOpen", b"/AuthEvent /EFOpen")
    with open(out, "wb") as f:
        f.write(d.build())


@file("encrypted/rc4_128_with_id.pdf", "encrypted", "RC4 128-bit (R3) with an /ID, for comparison")
def _(out):
    encrypted(out, 3, bytes(range(16)))


# ------------------------------------------------------------------ CJK predefined CMaps

def parse_cmap(collection, name):
    import gen_cid_tables
    return gen_cid_tables.parse_cmap(collection, name)


def cjk(out, encoding, collection, lines, encode, base_font="MS-Mincho", vertical=False, supplement=2,
        narrow=None):
    """Type 0 font with a predefined CMap, no ToUnicode, not embedded; ASCII-range CIDs get
    half widths in `W` (as producers write them)."""
    if narrow is None:
        _, mapping, _ = parse_cmap(collection, encoding)
        narrow = sorted({cid for (n, code), cid in mapping.items() if n == 1 and 0x20 <= code <= 0x7E})
    w = " ".join("%d [500]" % cid for cid in narrow)
    d = Doc()
    desc = d.add("<< /Type /FontDescriptor /FontName /%s /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
                 "/Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>" % base_font)
    cid = d.add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
                "/Ordering (%s) /Supplement %d >> /FontDescriptor %d 0 R /DW 1000 /W [%s] >>"
                % (base_font, collection, supplement, desc, w))
    font = d.add("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [%d 0 R] >>"
                 % (base_font, encoding, cid))
    ops = ["BT /F1 14 Tf"]
    for i, line in enumerate(lines):
        if vertical:
            ops.append("1 0 0 1 %d 760 Tm %s Tj" % (540 - 24 * i, hexs(encode(line)).decode()))
        else:
            ops.append("1 0 0 1 60 %d Tm %s Tj" % (740 - 22 * i, hexs(encode(line)).decode()))
    ops.append("ET")
    d.page("\n".join(ops), "<< /Font << /F1 %d 0 R >> >>" % font)
    with open(out, "wb") as f:
        f.write(d.build())


def codec(name):
    return lambda s: s.encode(name)


def jis_x0208(s):
    """The `H` CMap: JIS X 0208 row/cell bytes (EUC-JP with the high bits cleared)."""
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)
    return bytes(b & 0x7F for b in full.encode("euc_jp"))


def inverse_encoder(collection, encoding):
    """Encodes text by inverting the CMap (for CNS-EUC, which Python has no codec for)."""
    import gen_cid_tables
    _, mapping, _ = parse_cmap(collection, encoding)
    to_u = gen_cid_tables.cid_to_unicode(collection)
    by_char = {}
    for (n, code), cid in sorted(mapping.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        u = to_u.get(cid)
        if u and chr(u) not in by_char:
            by_char[chr(u)] = code.to_bytes(n, "big")
    return lambda s: b"".join(by_char[c] for c in s if c in by_char)


CJK = [
    ("ja_90ms_rksj_h", "90ms-RKSJ-H", "Japan1", texts.JAPANESE, codec("cp932"), {}),
    ("ja_90msp_rksj_h", "90msp-RKSJ-H", "Japan1", texts.JAPANESE, codec("cp932"), {"base_font": "MS-PMincho"}),
    ("ja_90ms_rksj_v", "90ms-RKSJ-V", "Japan1", texts.JAPANESE, codec("cp932"), {"vertical": True}),
    ("ja_83pv_rksj_h", "83pv-RKSJ-H", "Japan1", texts.JAPANESE[:3], codec("shift_jis"), {"base_font": "Ryumin-Light"}),
    ("ja_90pv_rksj_h", "90pv-RKSJ-H", "Japan1", texts.JAPANESE[:3], codec("shift_jis"), {"base_font": "Ryumin-Light"}),
    ("ja_add_rksj_h", "Add-RKSJ-H", "Japan1", texts.JAPANESE[:3], codec("shift_jis"), {"base_font": "Ryumin-Light"}),
    ("ja_ext_rksj_h", "Ext-RKSJ-H", "Japan1", texts.JAPANESE[:3], codec("shift_jis"), {"base_font": "Ryumin-Light"}),
    ("ja_euc_h", "EUC-H", "Japan1", texts.JAPANESE, codec("euc_jp"), {"base_font": "Ryumin-Light"}),
    ("ja_euc_v", "EUC-V", "Japan1", texts.JAPANESE[:3], codec("euc_jp"), {"base_font": "Ryumin-Light", "vertical": True}),
    ("ja_jis_h", "H", "Japan1", texts.JAPANESE, jis_x0208, {"base_font": "GothicBBB-Medium"}),
    ("zh_gb_euc_h", "GB-EUC-H", "GB1", texts.CHINESE_SIMPLIFIED, codec("gb2312"), {"base_font": "STSong-Light"}),
    ("zh_gbpc_euc_h", "GBpc-EUC-H", "GB1", texts.CHINESE_SIMPLIFIED, codec("gb2312"), {"base_font": "STSong-Light"}),
    ("zh_gbk_euc_h", "GBK-EUC-H", "GB1", texts.CHINESE_SIMPLIFIED + texts.CHINESE_TRADITIONAL[:2], codec("gbk"), {"base_font": "SimSun"}),
    ("zh_gbkp_euc_h", "GBKp-EUC-H", "GB1", texts.CHINESE_SIMPLIFIED, codec("gbk"), {"base_font": "SimSun"}),
    ("zh_gbk2k_h", "GBK2K-H", "GB1", texts.CHINESE_SIMPLIFIED + ["生僻字：㐀㐁䶵"], codec("gb18030"), {"base_font": "SimSun", "supplement": 4}),
    ("zh_gbk_euc_v", "GBK-EUC-V", "GB1", texts.CHINESE_SIMPLIFIED[:3], codec("gbk"), {"base_font": "SimSun", "vertical": True}),
    ("zh_eten_b5_h", "ETen-B5-H", "CNS1", texts.CHINESE_TRADITIONAL, codec("cp950"), {"base_font": "MingLiU"}),
    ("zh_etenms_b5_h", "ETenms-B5-H", "CNS1", texts.CHINESE_TRADITIONAL, codec("cp950"), {"base_font": "MingLiU"}),
    ("zh_b5pc_h", "B5pc-H", "CNS1", texts.CHINESE_TRADITIONAL, codec("big5"), {"base_font": "MSung-Light"}),
    ("zh_hkscs_b5_h", "HKscs-B5-H", "CNS1", texts.CHINESE_TRADITIONAL[:2] + texts.HONG_KONG, codec("big5hkscs"), {"base_font": "MingLiU_HKSCS", "supplement": 5}),
    ("zh_cns_euc_h", "CNS-EUC-H", "CNS1", texts.CHINESE_TRADITIONAL, None, {"base_font": "MSung-Light"}),
    ("ko_ksc_euc_h", "KSC-EUC-H", "Korea1", texts.KOREAN, codec("euc_kr"), {"base_font": "Batang"}),
    ("ko_kscms_uhc_h", "KSCms-UHC-H", "Korea1", texts.KOREAN + texts.KOREAN_UHC, codec("cp949"), {"base_font": "Batang"}),
    ("ko_kscms_uhc_hw_h", "KSCms-UHC-HW-H", "Korea1", texts.KOREAN, codec("cp949"), {"base_font": "Batang"}),
    ("ko_kscpc_euc_h", "KSCpc-EUC-H", "Korea1", texts.KOREAN, codec("euc_kr"), {"base_font": "HYSMyeongJo-Medium"}),
    ("ko_ksc_euc_v", "KSC-EUC-V", "Korea1", texts.KOREAN[:3], codec("euc_kr"), {"base_font": "Batang", "vertical": True}),
    ("ja_unijis_ucs2_h", "UniJIS-UCS2-H", "Japan1", texts.JAPANESE, codec("utf-16-be"), {"base_font": "HeiseiMin-W3"}),
    ("zh_unigb_utf16_h", "UniGB-UTF16-H", "GB1", texts.CHINESE_SIMPLIFIED + ["𠀀𠀁 and 𪚥"], codec("utf-16-be"), {"base_font": "STSong-Light", "supplement": 4}),
]

for _stem, _enc, _coll, _lines, _encode, _kw in CJK:
    def _make(out, enc=_enc, coll=_coll, lines=_lines, encode=_encode, kw=_kw):
        cjk(out, enc, coll, lines, encode or inverse_encoder(coll, enc), **kw)
    file("cjk/%s.pdf" % _stem, "cjk", "predefined CMap %s, no ToUnicode, font not embedded" % _enc)(_make)


@file("cjk/identity_japan1_no_tounicode.pdf", "cjk", "Identity-H with Adobe-Japan1 CIDs and no ToUnicode")
def _(out):
    _, mapping, _ = parse_cmap("Japan1", "UniJIS-UCS2-H")
    cid_of = {chr(code): cid for (n, code), cid in mapping.items() if n == 2}
    enc = lambda s: b"".join(cid_of.get(c, 0).to_bytes(2, "big") for c in s)
    narrow = sorted({cid_of[chr(c)] for c in range(0x20, 0x7F) if chr(c) in cid_of})
    cjk(out, "Identity-H", "Japan1", texts.JAPANESE, enc, base_font="KozMinPr6N-Regular", supplement=6,
        narrow=narrow)


@file("cjk/reportlab_heisei.pdf", "cjk", "reportlab UnicodeCIDFont (UniJIS-UCS2-H, not embedded), several pages")
def _(out):
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(out, invariant=1)
    for font, lines in (("HeiseiMin-W3", texts.JAPANESE), ("HYSMyeongJo-Medium", texts.KOREAN), ("STSong-Light", texts.CHINESE_SIMPLIFIED)):
        c.setFont(font, 14)
        y = 740
        for line in lines:
            c.drawString(60, y, line)
            y -= 22
        c.showPage()
    c.save()


# ------------------------------------------------------------------ ordinary producers and structure

@file("baseline/groff_manual.pdf", "baseline", "groff -ms, several pages of Latin text")
def _(out):
    src = out + ".ms"
    body = [".TL", "A Manual of Examples", ".AU", "Pipes Media", ".NH", "Introduction", ".PP"]
    for i in range(40):
        body.append(" ".join(texts.LATIN) + " Paragraph %d." % i)
        body.append(".PP")
    with open(src, "w") as f:
        f.write("\n".join(body) + "\n")
    with open(out, "wb") as f:
        f.write(run("groff", "-ms", "-k", "-Kutf8", "-Tpdf", src).stdout)
    os.remove(src)


@file("baseline/ghostscript_fonts.pdf", "baseline", "ps2pdf of a PostScript file with three base fonts")
def _(out):
    src = out + ".ps"
    ps = ["%!PS"]
    for page in range(2):
        y = 740
        for font in ("Times-Roman", "Helvetica-Bold", "Courier"):
            ps.append("/%s findfont 12 scalefont setfont" % font)
            for line in texts.LATIN[:3]:
                ascii_line = line.encode("ascii", "replace").decode()
                ps.append("72 %d moveto (%s) show" % (y, ascii_line.replace("(", "\\(").replace(")", "\\)")))
                y -= 16
        ps.append("showpage")
    with open(src, "w") as f:
        f.write("\n".join(ps) + "\n")
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dOmitInfoDate", "-dOmitXMP", "-dOmitID",
        "-sOutputFile=" + out, src)
    os.remove(src)


LIGATURE_PS = r"""%!PS
/reencode { findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall
  /Encoding exch def currentdict end definefont pop } def
/TeXlike [ 256 { /.notdef } repeat ] def
StandardEncoding 32 95 getinterval aload pop TeXlike 32 95 getinterval astore pop
TeXlike 11 /ff put TeXlike 12 /fi put TeXlike 13 /fl put TeXlike 14 /ffi put TeXlike 15 /ffl put
/TimesTeX TeXlike /Times-Roman reencode
/TimesTeX findfont 14 scalefont setfont
72 700 moveto (E\016cient \014nite \014eld arithmetic o\013ers \015exible solutions.) show
72 680 moveto (The o\016ce \014les are \014ne, the ra\017es are ba\017ing.) show
showpage
"""


@file("baseline/ghostscript_cff_builtin_encoding.pdf", "baseline",
      "ps2pdf of a font re-encoded TeX-style (ligatures at codes 11-15), its /Encoding removed: the CFF program's own encoding is the only one")
def _(out):
    src, pdf, qdf = out + ".ps", out + ".gs.pdf", out + ".qdf.pdf"
    with open(src, "w") as f:
        f.write(LIGATURE_PS)
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dOmitInfoDate", "-dOmitXMP", "-dOmitID",
        "-sOutputFile=" + pdf, src)
    run("qpdf", "--static-id", "--qdf", "--object-streams=disable", pdf, qdf)
    with open(qdf, "rb") as f:
        data = re.sub(rb"  /Encoding \d+ 0 R\n", b"", f.read())
    with open(qdf, "wb") as f:
        f.write(data)
    with open(out, "wb") as f:
        f.write(run("fix-qdf", qdf).stdout)
    for p in (src, pdf, qdf):
        os.remove(p)


@file("baseline/reportlab_two_columns.pdf", "baseline", "reportlab: two columns drawn line by line across the page")
def _(out):
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(out, invariant=1)
    c.setFont("Helvetica", 10)
    left = (" ".join(texts.LATIN) * 3).split()
    right = list(reversed(left))
    for row in range(30):
        c.drawString(60, 740 - 14 * row, " ".join(left[(row * 6) % len(left):(row * 6) % len(left) + 6]))
        c.drawString(320, 740 - 14 * row, " ".join(right[(row * 6) % len(right):(row * 6) % len(right) + 6]))
    c.showPage()
    c.save()


@file("baseline/qpdf_object_streams.pdf", "baseline", "the groff manual rewritten by qpdf with object streams and an xref stream")
def _(out):
    src = out + ".src.pdf"
    GEN["baseline/groff_manual.pdf"](src)
    run("qpdf", "--static-id", "--object-streams=generate", src, out)
    os.remove(src)


@file("baseline/qpdf_linearized.pdf", "baseline", "the groff manual linearized by qpdf")
def _(out):
    src = out + ".src.pdf"
    GEN["baseline/groff_manual.pdf"](src)
    run("qpdf", "--static-id", "--linearize", src, out)
    os.remove(src)


def counted(out, count):
    d = Doc()
    font = helvetica(d)
    for i in range(3):
        d.page("BT /F1 12 Tf 72 720 Td (Contents of page number %d) Tj ET" % (i + 1), "<< /Font << /F1 %d 0 R >> >>" % font)
    data = d.build().replace(b"/Count 3", b"/Count %d" % count)
    with open(out, "wb") as f:
        f.write(data)


@file("baseline/count_too_high.pdf", "baseline", "page tree of 3 pages whose root /Count says 5 (pdfinfo reports 5)")
def _(out):
    counted(out, 5)


@file("baseline/count_too_low.pdf", "baseline", "page tree of 3 pages whose root /Count says 1 (pdfinfo reports 1, viewers show 1)")
def _(out):
    counted(out, 1)


GEN = {path: fn for path, _, _, fn in GENERATORS}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUT")
    out_dir = os.path.abspath(sys.argv[1])
    manifest = []
    for path, klass, note, fn in GENERATORS:
        target = os.path.join(out_dir, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            tmp = target + ".tmp.pdf"
            fn(tmp)
            os.replace(tmp, target)
            print("[longtail] wrote", path, file=sys.stderr)
        info = subprocess.run(["pdfinfo", target], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        text_file = path + ".txt"
        subprocess.run(["pdftotext", "-enc", "UTF-8", target, os.path.join(out_dir, text_file)],
                       capture_output=True)
        entry = {"path": path, "class": klass, "bytes": os.path.getsize(target),
                 "pages": int(m.group(1)) if m else None, "text_file": text_file, "note": note}
        if path in TRUTHS:
            lines, wrong = TRUTHS[path]
            entry["truth_file"] = path + ".truth.txt"
            entry["pdftotext_wrong"] = wrong
            with open(os.path.join(out_dir, entry["truth_file"]), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        manifest.append(entry)
    with open(os.path.join(out_dir, "manifest.jsonl"), "w") as f:
        for e in manifest:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print("[longtail] %d PDFs in %s" % (len(manifest), out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
