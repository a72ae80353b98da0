"""Builds the mime long-tail collection into the directory given (see ../longtail.sh)."""

import shutil
import struct
import sys
import tarfile
from pathlib import Path

from PIL import Image

import handmade_archive as arc
import handmade_audio as aud
import handmade_image as img
from collection import BITEXACT, FF, IM, Collection, ffmpeg, im, log, run, write

TONE = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1"]
TESTSRC = ["-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25:duration=1"]


def sources(c: Collection):
    """Seeded inputs every converter starts from."""
    src = c.work / "src.png"
    if not src.exists():
        Image.fromarray(img.pixels(48, 32, seed=3)).save(src, optimize=False)
    rgba = c.work / "rgba.png"
    if not rgba.exists():
        px = img.pixels(32, 32, seed=4)
        alpha = (img.np.arange(32 * 32).reshape(32, 32) % 256).astype(img.np.uint8)
        Image.fromarray(img.np.dstack([px, alpha]), "RGBA").save(rgba)
    wav = c.work / "tone.wav"
    if not wav.exists():
        run(*FF, *TONE, "-ac", "2", *BITEXACT, "-c:a", "pcm_s16le", "-f", "wav", wav)
    return src, rgba, wav


def images(c: Collection, src: Path, rgba: Path):
    def conv(rel, cls, mime, spec_fmt, *opts, source=src, note=""):
        c.add(rel, cls, mime, f"imagemagick {spec_fmt} {' '.join(opts)}".strip(),
              lambda t: im(source, f"{spec_fmt}:{t}", *opts), note)

    def pil(rel, cls, mime, fmt, mode="RGB", source=src, note="", **kw):
        def build(t):
            Image.open(source).convert(mode).save(t, fmt, **kw)
        c.add(rel, cls, mime, f"pillow {fmt} {kw or ''}".strip(), build, note)

    def hand(rel, cls, mime, fn, note=""):
        c.add(rel, cls, mime, "hand-made (tools/longtail)", lambda t: write(t, fn()), note)

    rgb = img.pixels(32, 24, seed=7)
    # TGA: truecolour, RLE, grey, colour-mapped, with alpha; ImageMagick and Pillow.
    conv("image/tga_truecolor.tga", "tga", "image/x-tga", "TGA")
    conv("image/tga_rle.tga", "tga", "image/x-tga", "TGA", "-compress", "RLE")
    conv("image/tga_gray.tga", "tga", "image/x-tga", "TGA", "-type", "Grayscale")
    conv("image/tga_palette.tga", "tga", "image/x-tga", "TGA", "-type", "Palette")
    conv("image/tga_alpha.tga", "tga", "image/x-tga", "TGA", source=rgba)
    pil("image/tga_pillow.tga", "tga", "image/x-tga", "TGA")
    pil("image/tga_pillow_rle.tga", "tga", "image/x-tga", "TGA", compression="tga_rle")
    pil("image/tga_pillow_gray.tga", "tga", "image/x-tga", "TGA", mode="L")
    # JPEG 2000: codestreams, JP2, JPX.
    conv("image/j2k_codestream.j2k", "j2k", "image/x-jp2-codestream", "J2K")
    pil("image/j2k_pillow.j2k", "j2k", "image/x-jp2-codestream", "JPEG2000")
    conv("image/jp2_file.jp2", "jp2", "image/jp2", "JP2")
    pil("image/jp2_pillow.jp2", "jp2", "image/jp2", "JPEG2000", no_jp2=False)

    def jpx(t):
        jp2 = c.work / "for_jpx.jp2"
        if not jp2.exists():
            im(src, f"JP2:{jp2}")
        write(t, img.jpx_from_jp2(jp2.read_bytes()))
    c.add("image/jpx_part2.jpx", "jpx", "image/jpx", "imagemagick JP2, brand set to jpx "
          "(hand-made)", jpx)
    # Netpbm, raw and plain.
    conv("image/pbm_raw.pbm", "pbm", "image/x-portable-bitmap", "PBM")
    conv("image/pbm_plain.pbm", "pbm", "image/x-portable-bitmap", "PBM", "-compress", "none")
    conv("image/pgm_raw.pgm", "pgm", "image/x-portable-graymap", "PGM")
    conv("image/pgm_plain.pgm", "pgm", "image/x-portable-graymap", "PGM", "-compress", "none")
    conv("image/ppm_raw.ppm", "ppm", "image/x-portable-pixmap", "PPM")
    conv("image/ppm_plain.ppm", "ppm", "image/x-portable-pixmap", "PPM", "-compress", "none")
    conv("image/pnm_any.pnm", "ppm", "image/x-portable-pixmap", "PNM")
    conv("image/pam_rgba.pam", "pam", "image/x-portable-arbitrarymap", "PAM", source=rgba)
    pil("image/pgm_pillow.pgm", "pgm", "image/x-portable-graymap", "PPM", mode="L")
    pil("image/pbm_pillow.pbm", "pbm", "image/x-portable-bitmap", "PPM", mode="1")
    # XPM, PCX, DCX.
    conv("image/xpm_pixmap.xpm", "xpm", "image/x-xpixmap", "XPM")
    conv("image/pcx_24bit.pcx", "pcx", "image/x-pcx", "PCX")
    conv("image/pcx_palette.pcx", "pcx", "image/x-pcx", "PCX", "-type", "Palette")
    pil("image/pcx_pillow.pcx", "pcx", "image/x-pcx", "PCX")
    pil("image/pcx_pillow_mono.pcx", "pcx", "image/x-pcx", "PCX", mode="1")

    def dcx(t):
        run(IM, src, rgba, "-alpha", "off", f"DCX:{t}")
    c.add("image/dcx_two_pages.dcx", "dcx", "image/x-dcx", "imagemagick DCX (2 pages)", dcx)
    # FITS, ICNS, ICO, CUR.
    conv("image/fits_16bit.fits", "fits", "image/fits", "FITS", "-depth", "16")
    conv("image/fits_8bit.fits", "fits", "image/fits", "FITS", "-depth", "8")
    hand("image/icns_png.icns", "icns", "image/x-icns",
         lambda: img.icns([(b"icp4", img.png(img.pixels(16, 16, seed=9))),
                           (b"icp5", img.png(img.pixels(32, 32, seed=9)))]))
    pil("image/icns_pillow.icns", "icns", "image/x-icns", "ICNS", mode="RGBA", source=rgba)
    pil("image/ico_pillow.ico", "ico", "image/vnd.microsoft.icon", "ICO", mode="RGBA",
        source=rgba, sizes=[(16, 16), (32, 32)])
    conv("image/ico_bmp.ico", "ico", "image/vnd.microsoft.icon", "ICO")
    pil("image/ico_png256.ico", "ico", "image/vnd.microsoft.icon", "ICO", mode="RGBA",
        source=rgba, sizes=[(32, 32)], bitmap_format="png")

    # One 256x256 entry (width byte 0): `file` takes these for TGA.
    c.add("image/ico_256_png.ico", "ico", "image/vnd.microsoft.icon", "pillow ICO 256x256 PNG",
          lambda t: Image.open(rgba).resize((256, 256)).save(t, "ICO", sizes=[(256, 256)]))
    conv("image/ico_256_im.ico", "ico", "image/vnd.microsoft.icon", "ICO", "-resize", "256x256",
         source=rgba)

    def cur(t):
        ico = c.work / "for_cur.ico"
        if not ico.exists():
            Image.open(rgba).save(ico, "ICO", sizes=[(32, 32)], bitmap_format="bmp")
        write(t, img.cursor_from_icon(ico.read_bytes()))
    c.add("image/cur_cursor.cur", "cur", "image/x-win-bitmap", "pillow ICO, resource type set "
          "to cursor (hand-made)", cur)
    # QOI, PSD, XCF, DDS, HDR, EXR, SGI.
    hand("image/qoi_rgb.qoi", "qoi", "image/x-qoi", lambda: img.qoi(rgb))
    hand("image/qoi_rgba.qoi", "qoi", "image/x-qoi",
         lambda: img.qoi(img.np.dstack([rgb, img.np.full(rgb.shape[:2], 200, img.np.uint8)]),
                         channels=4))
    conv("image/psd_rgb.psd", "psd", "image/vnd.adobe.photoshop", "PSD")
    conv("image/psd_gray.psd", "psd", "image/vnd.adobe.photoshop", "PSD", "-type",
         "Grayscale")
    conv("image/psb_large.psb", "psd", "image/vnd.adobe.photoshop", "PSB")
    hand("image/xcf_gimp.xcf", "xcf", "image/x-xcf", lambda: img.xcf(rgb))
    conv("image/dds_dxt1.dds", "dds", "image/vnd.ms-dds", "DDS", "-define",
         "dds:compression=dxt1")
    conv("image/dds_dxt5.dds", "dds", "image/vnd.ms-dds", "DDS", source=rgba)
    conv("image/dds_none.dds", "dds", "image/vnd.ms-dds", "DDS", "-define",
         "dds:compression=none")
    pil("image/dds_pillow.dds", "dds", "image/vnd.ms-dds", "DDS", mode="RGBA", source=rgba)
    conv("image/hdr_radiance.hdr", "hdr", "image/vnd.radiance", "HDR")
    hand("image/exr_half.exr", "exr", "image/x-exr", lambda: img.exr(rgb))
    conv("image/sgi_rle.sgi", "sgi", "image/x-sgi", "SGI")
    conv("image/sgi_verbatim.rgb", "sgi", "image/x-sgi", "SGI", "-compress", "none")
    # WMF, EMF.
    hand("image/wmf_placeable.wmf", "wmf", "image/wmf", lambda: img.wmf(True))
    hand("image/wmf_plain.wmf", "wmf", "image/wmf", lambda: img.wmf(False))
    hand("image/emf_rect.emf", "emf", "image/emf", img.emf)
    # BigTIFF, BMP variants.
    conv("image/bigtiff_le.tif", "bigtiff", "image/tiff", "TIFF64")
    conv("image/bigtiff_be.tif", "bigtiff", "image/tiff", "TIFF64", "-define",
         "tiff:endian=msb")
    conv("image/bmp_v5.bmp", "bmp", "image/bmp", "BMP")
    conv("image/bmp_v3.bmp", "bmp", "image/bmp", "BMP3")
    conv("image/bmp_os2_v1.bmp", "bmp", "image/bmp", "BMP2")
    conv("image/bmp_rle8.bmp", "bmp", "image/bmp", "BMP3", "-type", "Palette", "-compress",
         "RLE")
    hand("image/bmp_os2_v2.bmp", "bmp", "image/bmp", lambda: img.os2_bmp_v2(rgb))
    conv("image/dib_headerless.dib", "dib", "image/bmp", "DIB",
         note="a BITMAPINFOHEADER with no BITMAPFILEHEADER (clipboard form)")
    pil("image/bmp_pillow.bmp", "bmp", "image/bmp", "BMP")

    # FLI / FLC animations.
    def animation(flc):
        # FLI is always 320x200 (file checks for it); FLC has any size.
        idx, palette = img.palette_image(320 if not flc else 32, 200 if not flc else 24,
                                         colors=16, seed=8)
        full = img.np.zeros((256, 3), img.np.uint8)
        full[:16] = palette
        frames = [(idx + k) % 16 for k in range(3)]
        return img.flic(frames, full, flc)
    hand("image/fli_anim.fli", "fli", "video/x-fli", lambda: animation(False))
    hand("image/flc_anim.flc", "flc", "video/x-flc", lambda: animation(True))


def postscript(c: Collection, src: Path):
    ps_src = c.work / "page.ps"
    if not ps_src.exists():
        ps_src.write_text("%!PS-Adobe-3.0\n%%BoundingBox: 0 0 200 100\n%%Pages: 1\n%%EndComments\n"
                          "%%Page: 1 1\nnewpath 10 10 moveto 190 10 lineto 100 90 lineto "
                          "closepath 0.2 0.4 0.8 setrgbcolor fill\n/Times-Roman findfont 14 "
                          "scalefont setfont 20 40 moveto (pipes-media) show\nshowpage\n%%EOF\n")

    def gs(device, *extra):
        def build(t):
            run("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", f"-sDEVICE={device}", *extra,
                f"-sOutputFile={t}", ps_src)
        return build

    c.add("doc/eps_gs.eps", "eps", "application/postscript", "ghostscript eps2write",
          gs("eps2write"))
    c.add("doc/ps_gs.ps", "ps", "application/postscript", "ghostscript ps2write", gs("ps2write"))
    c.add("doc/ps_plain.ps", "ps", "application/postscript", "hand-written PostScript",
          lambda t: shutil.copy(ps_src, t))
    for fmt in ("EPSF", "EPS2", "EPS3", "EPI"):
        c.add(f"doc/eps_im_{fmt.lower()}.eps", "eps", "application/postscript",
              f"imagemagick {fmt}", lambda t, fmt=fmt: im(src, f"{fmt}:{t}"))

    def dos_eps(t):
        eps = c.work / "for_dos.eps"
        tif = c.work / "for_dos.tif"
        if not eps.exists():
            gs("eps2write")(eps)
        if not tif.exists():
            im(src, f"TIFF:{tif}", "-compress", "none")
        write(t, img.dos_eps(eps.read_bytes(), tif.read_bytes()))
    c.add("doc/eps_dos_binary.eps", "eps", "application/postscript",
          "ghostscript eps2write + TIFF preview in a DOS EPS header (hand-made)", dos_eps)


def audio(c: Collection, wav: Path):
    def ff(rel, cls, mime, fmt, *args, inputs=None, note=""):
        c.add(rel, cls, mime, f"ffmpeg -f {fmt} {' '.join(args)}",
              lambda t: ffmpeg(t, *(inputs or ["-i", wav]), *args, fmt=fmt), note)

    def hand(rel, cls, mime, fn, note=""):
        c.add(rel, cls, mime, "hand-made (tools/longtail)", lambda t: write(t, fn()), note)

    ff("audio/ac3_stereo.ac3", "ac3", "audio/ac3", "ac3", "-c:a", "ac3", "-b:a", "192k")
    ff("audio/ac3_mono.ac3", "ac3", "audio/ac3", "ac3", "-c:a", "ac3", "-ac", "1", "-b:a", "96k")
    ff("audio/eac3_stereo.eac3", "eac3", "audio/eac3", "eac3", "-c:a", "eac3")
    ff("audio/eac3_mono.ec3", "eac3", "audio/eac3", "eac3", "-c:a", "eac3", "-ac", "1")
    ff("audio/tta_stereo.tta", "tta", "audio/x-tta", "tta", "-c:a", "tta")
    ff("audio/wavpack_ffmpeg.wv", "wavpack", "audio/x-wavpack", "wv", "-c:a", "wavpack")
    c.add("audio/wavpack_cli.wv", "wavpack", "audio/x-wavpack", "wavpack -q",
          lambda t: run("wavpack", "-q", "-y", wav, "-o", t))
    c.add("audio/wavpack_hybrid.wv", "wavpack", "audio/x-wavpack", "wavpack -b256 (hybrid)",
          lambda t: run("wavpack", "-q", "-y", "-b256", wav, "-o", t))
    c.add("audio/musepack_sv8.mpc", "musepack", "audio/x-musepack", "mpcenc",
          lambda t: run("mpcenc", "--silent", "--overwrite", wav, t))
    c.add("audio/musepack_sv8_q3.mpc", "musepack", "audio/x-musepack", "mpcenc --quality 3",
          lambda t: run("mpcenc", "--silent", "--overwrite", "--quality", "3", wav, t))
    hand("audio/dsf_stereo.dsf", "dsf", "audio/x-dsf", lambda: aud.dsf(2))
    hand("audio/dsf_mono.dsf", "dsf", "audio/x-dsf", lambda: aud.dsf(1))
    hand("audio/dff_stereo.dff", "dff", "audio/x-dff", lambda: aud.dsdiff(2))
    hand("audio/ape_stereo.ape", "ape", "audio/x-ape", aud.ape,
         note="header exact (ffprobe reads it); frames are seeded noise")
    hand("audio/tak_stereo.tak", "tak", "audio/x-tak", aud.tak,
         note="header exact (ffprobe reads it); frames are seeded noise")

    def adif(t):
        adts = c.work / "for_adif.aac"
        if not adts.exists():
            ffmpeg(adts, "-i", wav, "-c:a", "aac", "-b:a", "128k", fmt="adts")
        write(t, aud.adif_from_adts(adts.read_bytes(), rate_index=4, channels=2,
                                    bitrate=128000))
    c.add("audio/adif_aac.aac", "adif", "audio/aac", "ffmpeg aac, ADTS headers replaced by "
          "an ADIF header (hand-made)", adif)

    stereo = ["-i", wav]
    video = [*TESTSRC, "-i", wav]
    # ASF: audio-only is WMA, with video it is ASF/WMV.
    ff("video/asf_wma2.wma", "asf", "audio/x-ms-wma", "asf", "-c:a", "wmav2", inputs=stereo)
    ff("video/asf_wma1.wma", "asf", "audio/x-ms-wma", "asf", "-c:a", "wmav1", inputs=stereo)
    ff("video/asf_wmv2.wmv", "asf", "video/x-ms-asf", "asf", "-c:v", "wmv2", "-c:a", "wmav2",
       inputs=video)
    ff("video/asf_msmpeg4.asf", "asf", "video/x-ms-asf", "asf", "-c:v", "msmpeg4", "-an",
       inputs=TESTSRC)
    # AVI, FLV, MPEG-PS, MPEG-TS.
    ff("video/avi_mjpeg.avi", "avi", "video/x-msvideo", "avi", "-c:v", "mjpeg", "-c:a",
       "pcm_s16le", inputs=video)
    ff("video/avi_mpeg4.avi", "avi", "video/x-msvideo", "avi", "-c:v", "mpeg4", "-an",
       inputs=TESTSRC)
    ff("video/flv_h264.flv", "flv", "video/x-flv", "flv", "-c:v", "libx264", "-c:a", "aac",
       inputs=video)
    ff("video/flv_flv1.flv", "flv", "video/x-flv", "flv", "-c:v", "flv1", "-c:a", "adpcm_swf",
       "-ar", "22050", inputs=video)
    ff("video/flv_audio_only.flv", "flv", "video/x-flv", "flv", "-c:a", "aac", inputs=stereo)
    ff("video/mpeg_ps_vob.vob", "mpeg-ps", "video/mpeg", "vob", "-c:v", "mpeg2video", "-c:a",
       "mp2", inputs=video)
    ff("video/mpeg_ps_mpeg1.mpg", "mpeg-ps", "video/mpeg", "mpeg", "-c:v", "mpeg1video",
       "-c:a", "mp2", inputs=video)
    ff("video/mpeg_ps_svcd.mpg", "mpeg-ps", "video/mpeg", "svcd", "-c:v", "mpeg2video",
       "-c:a", "mp2", inputs=video)
    ff("video/mpeg_ts_video.ts", "mpeg-ts", "video/mp2t", "mpegts", "-c:v", "mpeg2video",
       "-c:a", "mp2", inputs=video)
    ff("video/mpeg_ts_h264.ts", "mpeg-ts", "video/mp2t", "mpegts", "-c:v", "libx264", "-c:a",
       "aac", inputs=video)
    ff("video/mpeg_ts_audio.ts", "mpeg-ts", "video/mp2t", "mpegts", "-c:a", "mp2",
       inputs=stereo)
    ff("video/mpeg_ts_m2ts.m2ts", "mpeg-ts", "video/mp2t", "mpegts", "-c:v", "libx264",
       "-an", "-mpegts_m2ts_mode", "1", inputs=TESTSRC)

    # MP4 and QuickTime without `ftyp`: the first box is `moov`.
    def bare(rel, mime, fmt, inputs, *args, note):
        def build(t):
            full = c.work / f"for_{Path(rel).stem}.{fmt}"
            if not full.exists():
                ffmpeg(full, *inputs, *args, "-movflags", "+faststart", fmt=fmt)
            data = full.read_bytes()
            at = 0
            while data[at + 4:at + 8] in (b"ftyp", b"wide", b"free"):
                at += struct.unpack_from(">I", data, at)[0]
            write(t, data[at:])
        c.add(rel, "mp4-bare-moov", mime, f"ffmpeg -f {fmt} +faststart, boxes before moov "
              "removed", build, note)
    bare("video/mp4_bare_moov_audio.m4a", "audio/mp4", "mp4", stereo, "-c:a", "aac",
         note="ISO 14496-12: no ftyp reads as brand mp41; one sound track")
    bare("video/mp4_bare_moov_video.mp4", "video/mp4", "mp4", video, "-c:v", "libx264",
         "-c:a", "aac", note="ISO 14496-12: no ftyp reads as brand mp41")
    bare("video/mov_bare_moov.mov", "video/quicktime", "mov", video, "-c:v", "mpeg4",
         "-c:a", "aac", note="QuickTime handler boxes (mhlr)")


def archives(c: Collection, src: Path, wav: Path):
    payload = c.work / "payload"
    if not payload.exists():
        payload.mkdir()
        (payload / "hello.txt").write_text("hello from pipes-media\n" * 20)
        shutil.copy(src, payload / "photo.png")
        for p in payload.iterdir():
            run("touch", "-d", "@946684800", p)
        run("touch", "-d", "@946684800", payload)
    files = sorted(p.name for p in payload.iterdir())

    def tar(fmt):
        def build(t):
            with tarfile.open(t, "w", format=fmt) as tf:
                for name in files:
                    info = tf.gettarinfo(payload / name, arcname=name)
                    info.uid = info.gid = 0
                    info.uname = info.gname = "root"
                    info.mtime = 946684800
                    with open(payload / name, "rb") as f:
                        tf.addfile(info, f)
        return build

    c.add("archive/tar_gnu.tar", "tar", "application/x-tar", "python tarfile GNU", tar(
        tarfile.GNU_FORMAT))
    c.add("archive/tar_ustar.tar", "tar", "application/x-tar", "python tarfile ustar", tar(
        tarfile.USTAR_FORMAT))
    c.add("archive/tar_pax.tar", "tar", "application/x-tar", "python tarfile pax", tar(
        tarfile.PAX_FORMAT))
    c.add("archive/tar_v7.tar", "tar", "application/x-tar", "tar --format=v7",
          lambda t: run("tar", "--format=v7", "--owner=0", "--group=0", "--numeric-owner",
                        "-cf", t, "-C", payload, *files))
    tar_gnu = c.root / "archive/tar_gnu.tar"
    c.add("archive/gzip_tar.tar.gz", "gz", "application/gzip", "gzip -9n",
          lambda t: write(t, run("gzip", "-9nc", tar_gnu)))
    c.add("archive/bzip2_tar.tar.bz2", "bz2", "application/x-bzip2", "bzip2",
          lambda t: write(t, run("bzip2", "-c", tar_gnu)))
    c.add("archive/xz_tar.tar.xz", "xz", "application/x-xz", "xz",
          lambda t: write(t, run("xz", "-c", tar_gnu)))
    c.add("archive/zstd_tar.tar.zst", "zst", "application/zstd", "zstd",
          lambda t: write(t, run("zstd", "-q", "-c", tar_gnu)))
    c.add("archive/gzip_text.gz", "gz", "application/gzip", "gzip -n",
          lambda t: write(t, run("gzip", "-nc", payload / "hello.txt")))

    c.add("archive/sevenzip_lzma2.7z", "7z", "application/x-7z-compressed", "7z a",
          lambda t: run("7z", "a", "-bd", "-bso0", "-bsp0", t, *files, cwd=payload))
    c.add("archive/sevenzip_store.7z", "7z", "application/x-7z-compressed", "7z a -mx0",
          lambda t: run("7z", "a", "-bd", "-bso0", "-bsp0", "-mx0", t, *files, cwd=payload))
    c.add("archive/zip_cli.zip", "zip", "application/zip", "zip -X",
          lambda t: run("zip", "-q", "-X", t, *files, cwd=payload))
    c.add("archive/zip_store.zip", "zip", "application/zip", "zip -X -0",
          lambda t: run("zip", "-q", "-X", "-0", t, *files, cwd=payload))
    c.add("archive/rar4_store.rar", "rar", "application/vnd.rar", "hand-made (tools/longtail)",
          lambda t: write(t, arc.rar4("hello.txt", (payload / "hello.txt").read_bytes())))
    c.add("archive/rar5_store.rar", "rar", "application/vnd.rar", "hand-made (tools/longtail)",
          lambda t: write(t, arc.rar5("hello.txt", (payload / "hello.txt").read_bytes())))

    def iso(*opts):
        def build(t):
            run("genisoimage", "-quiet", *opts, "-V", "PIPES", "-o", t, payload)
            # genisoimage stamps the volume descriptors with the current time: pin their dates
            # (directory records carry the sources' pinned mtimes).
            data = bytearray(t.read_bytes())
            for sector in range(16, 32):
                base = sector * 2048
                if data[base + 1:base + 6] != b"CD001":
                    continue
                if data[base] in (1, 2):
                    # Creation, modification and effective dates (expiration stays unset).
                    for off in (813, 830, 864):
                        data[base + off:base + off + 17] = b"2000010100000000\0"
                if data[base] == 255:
                    break
            t.write_bytes(bytes(data))
        return build
    c.add("archive/iso9660_plain.iso", "iso", "application/x-iso9660-image", "genisoimage",
          iso())
    c.add("archive/iso9660_joliet.iso", "iso", "application/x-iso9660-image",
          "genisoimage -J -l", iso("-J", "-l"))

    def hdf5(userblock):
        def build(t):
            import h5py
            import numpy as np
            kw = {"userblock_size": userblock} if userblock else {}
            with h5py.File(t, "w", libver="earliest", track_order=False, **kw) as f:
                f.create_dataset("x", data=np.arange(64, dtype="<i4"), track_times=False)
        return build
    c.add("archive/hdf5_plain.h5", "hdf5", "application/x-hdf5", "h5py", hdf5(0))
    c.add("archive/hdf5_userblock.h5", "hdf5", "application/x-hdf5", "h5py userblock 512",
          hdf5(512), note="the HDF5 signature at offset 512, after a user block")
    samples = Path("/usr/share/eccodes/samples")
    c.add("archive/grib1_sample.grib", "grib", "application/x-grib", "eccodes sample GRIB1",
          lambda t: shutil.copy(samples / "GRIB1.tmpl", t))
    c.add("archive/grib2_sample.grib2", "grib", "application/x-grib2", "eccodes sample GRIB2",
          lambda t: shutil.copy(samples / "GRIB2.tmpl", t))
    c.add("archive/grib2_regular_ll.grib2", "grib", "application/x-grib2",
          "eccodes sample regular_ll_sfc_grib2",
          lambda t: shutil.copy(samples / "regular_ll_sfc_grib2.tmpl", t))


def office(c: Collection):
    def hand(rel, cls, mime, fn, note=""):
        c.add(rel, cls, mime, "hand-made (tools/longtail)", lambda t: write(t, fn()), note)

    hand("doc/word97.doc", "doc", "application/msword", arc.word97)
    hand("doc/excel97.xls", "xls", "application/vnd.ms-excel", arc.excel97)
    hand("doc/powerpoint97.ppt", "ppt", "application/vnd.ms-powerpoint", arc.powerpoint97)
    odf = "application/vnd.oasis.opendocument."
    hand("doc/odf_text.odt", "odt", odf + "text", lambda: arc.odf(odf + "text", "text"))
    hand("doc/odf_spreadsheet.ods", "ods", odf + "spreadsheet",
         lambda: arc.odf(odf + "spreadsheet", "spreadsheet"))
    hand("doc/odf_presentation.odp", "odp", odf + "presentation",
         lambda: arc.odf(odf + "presentation", "presentation"))
    ox = "application/vnd.openxmlformats-officedocument."
    hand("doc/ooxml_word.docx", "docx", ox + "wordprocessingml.document",
         lambda: arc.ooxml("word"))
    hand("doc/ooxml_excel.xlsx", "xlsx", ox + "spreadsheetml.sheet", lambda: arc.ooxml("xl"))
    hand("doc/ooxml_powerpoint.pptx", "pptx", ox + "presentationml.presentation",
         lambda: arc.ooxml("ppt"))


def stubs(c: Collection):
    """Headers with nothing behind them: a magic number is not a file."""
    none = "application/octet-stream"
    cases = [
        ("stub/id3_only_17.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x07TIT2\x00\x00\x00",
         "an ID3v2.4 tag header and a frame id, no audio"),
        ("stub/id3_empty_tag.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00",
         "an empty ID3v2.3 tag, no audio"),
        ("stub/flac_magic.flac", b"fLaC", "the FLAC magic without STREAMINFO"),
        ("stub/riff_wave_12.wav", b"RIFF\x04\x00\x00\x00WAVE", "a RIFF/WAVE header, no chunks"),
        ("stub/ogg_magic.ogg", b"OggS", "the Ogg capture pattern, no page"),
        ("stub/png_signature.png", b"\x89PNG\r\n\x1a\n", "the PNG signature, no IHDR"),
        ("stub/gif_signature.gif", b"GIF89a", "the GIF signature, no screen descriptor"),
        ("stub/zip_local_magic.zip", b"PK\x03\x04", "a zip local header magic, no header"),
    ]
    for rel, data, note in cases:
        c.add(rel, "stub", none, "hand-made (tools/longtail)", lambda t, d=data: write(t, d),
              note)


def main():
    root = Path(sys.argv[1])
    c = Collection(root)
    src, rgba, wav = sources(c)
    images(c, src, rgba)
    postscript(c, src)
    audio(c, wav)
    archives(c, src, wav)
    office(c)
    stubs(c)
    n = c.write_manifest()
    log(f"{n} files in {root} ({c.built} built now); manifest.jsonl written")


if __name__ == "__main__":
    main()
