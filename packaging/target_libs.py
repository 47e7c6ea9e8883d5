"""The libraries the glibc-2.28 release bundle leaves to the target system, with the Debian/UOS package
that brings each: the spec drops them from the bundle (packaging/gov-report.spec, when
GOV_REPORT_TARGET_GLIBC is set) and the .deb declares the packages (build_deb.py --target-glibc).

Why each is left out: the copies on the build machine (bookworm) need glibc 2.33-2.35, or must match a
library the target already loads. Every target has them under these sonames (bullseye is checked by
tests/packaging/test_glibc228.py; UOS 20 itself is not reachable here).
"""

TARGET_LIBS: dict[str, str] = {
    # Kerberos: linked by QtNetwork, which QtPdf needs (bookworm's need 2.33-2.34)
    "libkrb5.so*": "libkrb5-3",
    "libkrb5support.so*": "libkrb5-3",
    "libgssapi_krb5.so*": "libgssapi-krb5-2",
    "libk5crypto.so*": "libk5crypto3",
    "libcom_err.so*": "libcom-err2",
    "libkeyutils.so*": "libkeyutils1",
    # xz (Python's lzma module), zstd (Qt's core): bookworm's need 2.34
    "liblzma.so*": "liblzma5",
    "libzstd.so*": "libzstd1",
    # the keyboard map of the xcb platform plugin (bookworm's needs 2.33)
    "libxkbcommon.so*": "libxkbcommon0",
    "libxkbcommon-x11.so*": "libxkbcommon-x11-0",
    # the X protocol extensions built with libxcb itself: they must match the target's libxcb.so.1 (a
    # bookworm libxcb-xkb next to UOS 20's libxcb 1.13 may call what that libxcb lacks). The xcb-util
    # libraries (cursor, icccm, image, keysyms, render-util, util) stay: not every desktop has them.
    "libxcb-render.so*": "libxcb-render0",
    "libxcb-shape.so*": "libxcb-shape0",
    "libxcb-shm.so*": "libxcb-shm0",
    "libxcb-sync.so*": "libxcb-sync1",
    "libxcb-xfixes.so*": "libxcb-xfixes0",
    "libxcb-xkb.so*": "libxcb-xkb1",
    "libxcb-randr.so*": "libxcb-randr0",
}
# Left out without a package: that interpreter's _ctypes carries libffi statically (the targets' libffi
# sonames differ: UOS 20 .6, bullseye .7, bookworm .8), so nothing in the bundle links libffi.so.
NOT_NEEDED = ["libffi.so*"]
