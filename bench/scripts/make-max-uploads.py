# Usage: python3 make-max-uploads.py txt|csv|eml|xlsx|docx|pdf (writes max.EXT into the current folder).
# Makes the largest upload the API accepts (Documents:MaxUploadBytes, 20 MiB) of several formats, from random English
# words, so compressed formats compress as real text does (about 3x), not as repeated text would (100x).
import random, zipfile, zlib, io, sys
LIMIT = 20 * 1024 * 1024 - 64 * 1024
random.seed(12)
words = None
if not words:
    base = "harbour vessel berth tide pilot cargo crane dredging permit buoy lighthouse keeper anchor mooring chart survey sediment basin quay ferry tug barge hull rudder keel mast sail deck bridge engine fuel freight container customs manifest schedule arrival departure weather storm wind swell current depth draught tonnage length beam crew captain officer engineer inspection safety drill logbook report invoice fee due account".split()
    words = [w + s for w in base for s in ["", "s", "ed", "ing", "er", "al", "ly", "ness", "ment", "ion"]]
words = [w for w in words if w.isalpha() and w.isascii()][:20000]
def sentence():
    n = random.randint(8, 20)
    s = " ".join(random.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."
def paragraph():
    return " ".join(sentence() for _ in range(random.randint(3, 6)))
def text(limit):
    out, size = [], 0
    while size < limit:
        p = paragraph(); out.append(p); size += len(p) + 2
    return "\n\n".join(out)[:limit]
def esc(s): return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

which = sys.argv[1]
if which == "txt":
    open("max.txt", "w").write(text(LIMIT))
elif which == "csv":
    rows, size = ["Berth,Vessel,Cargo,Note"], 0
    while size < LIMIT:
        r = f"B{random.randint(1,999)},{random.choice(words)} {random.choice(words)},{random.choice(words)},{sentence()}"
        rows.append(r); size += len(r) + 1
    open("max.csv", "w").write("\n".join(rows)[:LIMIT].rsplit("\n", 1)[0] + "\n")
elif which == "eml":
    body = text(LIMIT - 2000)  # trimmed to LIMIT after writing: CRLF line ends add bytes
    open("max.eml", "w").write("From: Ada <ada@example.com>\r\nTo: office@example.com\r\nSubject: Harbour records\r\nDate: Sat, 14 Mar 2026 09:30:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n"))
elif which in ("xlsx", "docx"):
    # Grow the body until the compressed package is at the limit.
    def body_rows(n):
        if which == "xlsx":
            parts = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Berth</t></is></c><c r="B1" t="inlineStr"><is><t>Vessel</t></is></c><c r="C1" t="inlineStr"><is><t>Note</t></is></c><c r="D1"><v>0</v></c></row>']
            for i in range(2, n + 2):
                parts.append(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>B{random.randint(1,999)}</t></is></c><c r="B{i}" t="inlineStr"><is><t>{esc(random.choice(words))}</t></is></c><c r="C{i}" t="inlineStr"><is><t>{esc(sentence())}</t></is></c><c r="D{i}"><v>{random.randint(1,100000)}</v></c></row>')
            return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(parts) + '</sheetData></worksheet>'
        parts = [f'<w:p><w:r><w:t>{esc(paragraph())}</w:t></w:r></w:p>' for _ in range(n)]
        return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + "".join(parts) + '</w:body></w:document>'
    sample = body_rows(2000).encode()
    ratio = len(zlib.compress(sample, 6)) / 2000
    n = int(LIMIT * 0.97 / ratio)
    def package(n):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            if which == "xlsx":
                z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
                z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
                z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Moorings" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr("xl/worksheets/sheet1.xml", body_rows(n))
            else:
                z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
                z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
                z.writestr("word/document.xml", body_rows(n))
        return buf.getvalue()
    data = package(n)
    while len(data) > LIMIT:
        n = int(n * 0.97); data = package(n)
    open(f"max.{which}", "wb").write(data)
elif which == "pdf":
    # Uncompressed content streams of Helvetica 11 text, 60 lines a page, as a report generator might write.
    objs, pages = [], []
    def add(o): objs.append(o); return len(objs)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = add(None)
    size = 0
    while size < LIMIT * 0.93:
        lines = []
        for _ in range(60):
            s = " ".join(random.choice(words) for _ in range(13))
            lines.append("(" + s.replace("\\", "").replace("(", "").replace(")", "") + ") '")
        stream = ("BT /F1 11 Tf 14 TL 56 800 Td\n" + "\n".join(lines) + "\nET").encode()
        c = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        p = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, c))
        pages.append(p); size += len(stream) + 200
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in pages) + b"] /Count %d >>" % len(pages)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO(); out.write(b"%PDF-1.4\n"); offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell()); out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref))
    open("max.pdf", "wb").write(out.getvalue())
    print(len(pages), "pages")
