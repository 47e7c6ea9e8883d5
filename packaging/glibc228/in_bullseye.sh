#!/bin/sh
# Runs inside the bullseye chroot (bullseye_test.sh): install the .deb as a clerk's IT office would, with
# apt resolving its Depends from bullseye itself, then use it as a clerk: the built-in sample, the check,
# every export, an import of the exported PDF and XLSX, and the wizard starting (offscreen, and on X11
# under Xvfb); with the optional font package, a report holding characters beyond the bundled fonts
# before and after installing it. Everything a check needs to look at lands in /out for the host.
set -eu
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
out=/out
log() { echo "in-bullseye: $*"; }

log "$(cat /etc/debian_version) / $(ldd --version | head -1)"
apt-get -q update >/dev/null
# xvfb and xauth are the test's, not the package's: the X server a desk already has
apt-get -q install -y --no-install-recommends /tmp/pkg/app.deb xvfb xauth >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
dpkg-query -W -f='${Package} ${Version} ${Status}\n' cn.gov.disclosure-report | tee "$out/installed.txt"
ldd --version | head -1 >"$out/glibc.txt"

# a clerk is not root
id clerk >/dev/null 2>&1 || useradd -m clerk
as_clerk() { su clerk -s /bin/sh -c "cd /home/clerk && HOME=/home/clerk LANG=C.UTF-8 $*"; }
exe=/opt/apps/cn.gov.disclosure-report/files/gov-report

as_clerk "gov-report sample -o 样例.gkbg"
as_clerk "gov-report check 样例.gkbg" >"$out/check.txt" 2>&1 || { cat "$out/check.txt"; exit 1; }
as_clerk "gov-report export 样例.gkbg --pdf 样例.pdf --xlsx 样例.xlsx --docx 样例.docx --html 样例.html --date 2027-01-20"
as_clerk "gov-report import 样例.pdf -o 导回PDF.gkbg" >"$out/import-pdf.txt" 2>&1 || { cat "$out/import-pdf.txt"; exit 1; }
as_clerk "gov-report import 样例.xlsx -o 导回XLSX.gkbg" >"$out/import-xlsx.txt" 2>&1 || { cat "$out/import-xlsx.txt"; exit 1; }
as_clerk "gov-report check 导回XLSX.gkbg" >"$out/check-xlsx.txt" 2>&1 || { cat "$out/check-xlsx.txt"; exit 1; }
# the wizard, on the sample: offscreen, then the X11 platform plugin against bullseye's libxcb/xkbcommon
as_clerk "QT_QPA_PLATFORM=offscreen GOV_REPORT_EXIT_WHEN_READY=1 timeout 120 $exe 样例.gkbg" \
    >"$out/gui-offscreen.txt" 2>&1 || { cat "$out/gui-offscreen.txt"; exit 1; }
as_clerk "QT_QPA_PLATFORM=xcb GOV_REPORT_EXIT_WHEN_READY=1 timeout 120 xvfb-run -a $exe 样例.gkbg" \
    >"$out/gui-xcb.txt" 2>&1 || { cat "$out/gui-xcb.txt"; exit 1; }
cp /home/clerk/样例.gkbg /home/clerk/样例.pdf /home/clerk/样例.xlsx /home/clerk/样例.docx /home/clerk/样例.html \
    /home/clerk/导回PDF.gkbg /home/clerk/导回XLSX.gkbg "$out/"

# GB 18030 level 3: a report with characters beyond the bundled fonts (Ext B, and U+9FEB from the
# BabelStone subset), before and after the optional font package (when the test passes one)
if [ -f /tmp/pkg/fonts.deb ] && [ -f /tmp/pkg/rare.gkbg ]; then
    cp /tmp/pkg/rare.gkbg /home/clerk/生僻字.gkbg && chown clerk /home/clerk/生僻字.gkbg
    rc=0; as_clerk "gov-report check --final 生僻字.gkbg" >"$out/rare-check-before.txt" 2>&1 || rc=$?
    echo "$rc" >"$out/rare-check-before.status"
    as_clerk "gov-report export 生僻字.gkbg --draft --pdf 生僻字-无字库.pdf" >"$out/rare-export-before.txt" 2>&1 \
        || { cat "$out/rare-export-before.txt"; exit 1; }
    apt-get -q install -y --no-install-recommends /tmp/pkg/fonts.deb >/tmp/apt-fonts.log 2>&1 || { cat /tmp/apt-fonts.log; exit 1; }
    rc=0; as_clerk "gov-report check --final 生僻字.gkbg" >"$out/rare-check-after.txt" 2>&1 || rc=$?
    echo "$rc" >"$out/rare-check-after.status"
    as_clerk "gov-report export 生僻字.gkbg --pdf 生僻字.pdf" >"$out/rare-export-after.txt" 2>&1 \
        || { cat "$out/rare-export-after.txt"; exit 1; }
    cp /home/clerk/生僻字-无字库.pdf /home/clerk/生僻字.pdf "$out/"
    apt-get -q remove -y gov-report-fonts-gb18030 >/dev/null
fi

apt-get -q remove -y cn.gov.disclosure-report >/dev/null
[ ! -e /opt/apps/cn.gov.disclosure-report ] && [ ! -e /usr/bin/gov-report ] || { log "remove left files behind"; exit 1; }
echo removed >"$out/removed.txt"
log "installed, used and removed"
