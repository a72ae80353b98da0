"""Remakes the small committed fixtures of the thumbnail tests (tests/fixtures/longtail_*,
gps_*): one 64x48 seeded picture in each long-tail format, plus photos carrying a GPS
position. Run with a Python that has Pillow >= 11.3 and pillow-heif (longtail.sh's venv):

    target/longtail/.venv/bin/python plugins/thumbnail/tools/fixtures.py plugins/thumbnail/tests/fixtures

Needs ImageMagick, libtiff-tools, avifenc, heif-enc, opj_compress and exiftool.
"""

import io
import os
import struct
import subprocess
import sys

import numpy as np
from PIL import Image
import pillow_heif

pillow_heif.register_heif_opener()

OUT = sys.argv[1]
CONVERT = "/usr/bin/convert"


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def out(name):
    return os.path.join(OUT, name)


src_path = out("longtail_source_64x48.png")
if not os.path.exists(src_path):
    run(CONVERT, "-size", "64x48", "-seed", "5", "plasma:fractal", "-depth", "8",
        "-define", "png:exclude-chunks=date,time", "/tmp/_plasma.png")
    a = np.asarray(Image.open("/tmp/_plasma.png").convert("RGB")).copy()
    a[:10, :13] = (230, 20, 20)  # red block at the stored top-left corner
    Image.fromarray(a).save(src_path)
src = Image.open(src_path).convert("RGB")
tmp_tif = "/tmp/_src.tif"
src.save(tmp_tif)

exif6 = Image.Exif()
exif6[0x0112] = 6
xmp8 = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-'
        'rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"'
        ' tiff:Orientation="8"/></rdf:RDF></x:xmpmeta>')

run(CONVERT, src_path, "-define", "tiff:tile-geometry=32x32", "-interlace", "plane",
    "-compress", "LZW", "tiff:" + out("longtail_tiled_planar_lzw.tif"))
src.save(out("longtail_exif_6.webp"), quality=80, exif=exif6.tobytes())
from PIL.PngImagePlugin import PngInfo
info = PngInfo()
info.add_itxt("XML:com.adobe.xmp", xmp8)
src.save(out("longtail_xmp_8.png"), pnginfo=info)
# BMP with 97 spare bytes between the palette and the pixels.
buf = io.BytesIO()
src.quantize(64).save(buf, format="BMP")
b = bytearray(buf.getvalue())
off = struct.unpack_from("<I", b, 10)[0]
b = b[:off] + bytes(range(97)) + b[off:]
struct.pack_into("<I", b, 10, off + 97)
struct.pack_into("<I", b, 2, len(b))
open(out("longtail_pal8_gap.bmp"), "wb").write(bytes(b))
src.save(out("longtail.tga"), compression="tga_rle")
src.convert("RGBA").save(out("longtail.ico"), sizes=[(48, 48)])
run(CONVERT, src_path, "psd:" + out("longtail.psd"))
src.save(out("longtail.ppm"))
src.save(out("longtail.qoi"))
src.convert("RGBA").save(out("longtail_dxt5.dds"), pixel_format="DXT5")
run("opj_compress", "-i", src_path, "-o", out("longtail.jp2"))
run("avifenc", "-s", "8", "--min", "10", "--max", "30", src_path, out("longtail.avif"))
src.save(out("longtail.heic"), format="HEIF", quality=80)
src.convert("L").save(out("longtail_fax4.tif"), compression="group4") if False else \
    src.convert("1").save(out("longtail_fax4.tif"), compression="group4")

# GPS: a photo as a phone sends it (EXIF GPS, orientation 6), and the same position in a PNG
# eXIf chunk, a WebP EXIF chunk and in XMP.
jpeg = out("gps_orientation_6.jpg")
src.save(jpeg, quality=85, exif=exif6.tobytes())
gps = ["-GPS:GPSLatitude=48.8583", "-GPS:GPSLatitudeRef=N", "-GPS:GPSLongitude=2.2945",
       "-GPS:GPSLongitudeRef=E", "-GPS:GPSAltitude=35", "-XMP-exif:GPSLatitude=48.8583 N",
       "-XMP-exif:GPSLongitude=2.2945 E"]
run("exiftool", "-q", "-overwrite_original", *gps, jpeg)
png = out("gps.png")
src.save(png)
run("exiftool", "-q", "-overwrite_original", *gps, png)
webp = out("gps.webp")
src.save(webp, quality=80)
run("exiftool", "-q", "-overwrite_original", *gps, webp)
