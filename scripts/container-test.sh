#!/usr/bin/env bash
# Builds Dockerfile.executor with podman and checks the running image from the outside.
#
#   scripts/container-test.sh
#
# No container registry is reachable from these machines, so the two base images the
# Dockerfile names are first assembled locally, under their exact names, from a Debian rootfs
# (debootstrap) and this machine's own .NET SDK. They are kept in podman's storage, so only the
# first run on a machine pays for them. Every check prints a PASS or FAIL line; the script
# exits non-zero if any check failed, and removes the container it started in every case.
set -euo pipefail

SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
IMAGE=localhost/deepinsight-executor:dev
SUITE=bookworm
# The reference image, with TeX and its pip stack, is well over 2 GB.
MAX_IMAGE_MB=1300
SESSION_ID=ctest$(printf '%03d' $((RANDOM % 1000)))
STORE=/var/lib/deepinsight/store

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

[ "$(id -u)" -eq 0 ] || exec sudo --preserve-env "$0" "$@"

log() { printf '\n== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# runc and cgroupfs: what works on these machines (no systemd, no crun).
pod() { podman --runtime=runc --cgroup-manager=cgroupfs "$@"; }

install_host_packages() {
    local wanted=(podman runc debootstrap fuse-overlayfs uidmap curl jq) missing=() p
    for p in "${wanted[@]}"; do
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# runc cannot apply podman's default rlimits inside these VMs; an empty list makes podman
# leave the limits it inherits alone. Touches only that key of the file.
configure_podman() {
    local conf=/etc/containers/containers.conf key='^[[:space:]]*default_ulimits[[:space:]]*='
    if [ ! -f "$conf" ]; then
        printf '[containers]\ndefault_ulimits = []\n' >"$conf"
    elif grep -Eq "$key[[:space:]]*\[[[:space:]]*\][[:space:]]*$" "$conf"; then
        return
    elif grep -Eq "$key.*\][[:space:]]*$" "$conf"; then
        sed -i -E "s/$key.*/default_ulimits = []/" "$conf"
    elif grep -Eq "$key" "$conf"; then
        die "$conf sets default_ulimits over several lines: make it 'default_ulimits = []' by hand"
    elif grep -Eq '^[[:space:]]*\[containers\]' "$conf"; then
        sed -i '0,/^[[:space:]]*\[containers\]/s//&\ndefault_ulimits = []/' "$conf"
    else
        printf '\n[containers]\ndefault_ulimits = []\n' >>"$conf"
    fi
}

# The Debian archive apt on this machine uses (a local mirror in CI), in one-line or deb822
# sources. The stand-ins point at the same place so apt works inside RUN steps.
apt_uris() {
    {
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
        awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }' \
            /etc/apt/sources.list.d/*.sources 2>/dev/null || true
    } | sed 's:/*$::'
}

build_base_images() {
    if pod image exists "$SDK_IMAGE" && pod image exists "$ASPNET_IMAGE"; then
        echo "base images already present: $SDK_IMAGE, $ASPNET_IMAGE"
        return
    fi
    local mirror security dotnet_root rt_version asp_version sdk_version
    mirror=$(apt_uris | grep -E '/debian$' | head -n1)
    [ -n "$mirror" ] || die "no Debian archive found in /etc/apt/sources.list*"
    security=$(apt_uris | grep -E '/debian-security$' | head -n1)
    security=${security:-${mirror%/debian}/debian-security}

    command -v dotnet >/dev/null || die "the .NET SDK must be installed on this machine: it is copied into the stand-in images"
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    sdk_version=$(dotnet --version)
    rt_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
    asp_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
    [ -n "$rt_version" ] && [ -n "$asp_version" ] || die "the machine's .NET lacks the ASP.NET Core runtime"

    local work rootfs started=$SECONDS
    work=$(mktemp -d /var/tmp/deepinsight-base.XXXXXX)
    rootfs=$work/rootfs
    BASE_WORK=$work

    log "debootstrap $SUITE (minbase) from $mirror"
    # The libraries .NET needs, as in Microsoft's runtime-deps images (ICU: the app keeps
    # globalization on for Korean text).
    debootstrap --variant=minbase \
        --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
        "$SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 30 "$work/debootstrap.log"; die "debootstrap failed"; }

    cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
EOF
    # The machine's own apt settings for reaching its mirror (a snapshot archive may need its
    # Release dates unchecked; a proxy may be configured), so RUN apt-get behaves as it does here.
    apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy) ' \
        >"$rootfs/etc/apt/apt.conf.d/99host-mirror" || true
    # Like Debian's and Ubuntu's container images: apt deletes downloaded packages once they are
    # installed, so a Dockerfile's apt-get layer holds only what was installed.
    cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
    # Like Ubuntu's container images: no manuals, translations or docs from later installs.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/excludes" <<'EOF'
path-exclude=/usr/share/man/*
path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
EOF
    # The machine reaches NuGet and the Debian mirror through its own certificate authorities;
    # the stand-in trusts what the machine trusts, as the real image trusts the public roots.
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
        chroot "$rootfs" update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates failed in the stand-in"
    fi
    # Microsoft's images carry an unprivileged "app" user (APP_UID).
    chroot "$rootfs" groupadd --gid 1654 app
    chroot "$rootfs" useradd --no-log-init --uid 1654 --gid 1654 --create-home app
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb

    local common=(
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
        --change 'ENV APP_UID=1654'
        --change 'ENV ASPNETCORE_HTTP_PORTS=8080'
        --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true'
        --change "ENV DOTNET_VERSION=$rt_version"
        --change "ENV ASPNET_VERSION=$asp_version"
        --change 'CMD ["bash"]'
    )

    # aspnet: the host and the two shared frameworks, where Microsoft's images put them.
    mkdir -p "$rootfs/usr/share/dotnet/shared"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
    cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" \
        "$rootfs/usr/share/dotnet/shared/"
    ln -s /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
    log "importing $ASPNET_IMAGE (.NET $rt_version, ASP.NET Core $asp_version)"
    tar -C "$rootfs" --numeric-owner -cf - . \
        | pod import --message "local stand-in built by scripts/container-test.sh" "${common[@]}" - "$ASPNET_IMAGE"

    # sdk: the aspnet stand-in plus the whole SDK (sdk/, packs/, manifests, templates).
    cp -a "$dotnet_root/." "$rootfs/usr/share/dotnet/"
    log "importing $SDK_IMAGE (SDK $sdk_version)"
    tar -C "$rootfs" --numeric-owner -cf - . \
        | pod import --message "local stand-in built by scripts/container-test.sh" "${common[@]}" \
            --change "ENV DOTNET_SDK_VERSION=$sdk_version" \
            --change 'ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false' \
            --change 'ENV DOTNET_NOLOGO=true' \
            --change 'ENV DOTNET_USE_POLLING_FILE_WATCHER=true' \
            --change 'ENV NUGET_XMLDOC_MODE=skip' \
            - "$SDK_IMAGE"

    rm -rf "$work"
    BASE_WORK=
    echo "base images built in $((SECONDS - started)) s"
}

build_image() {
    local started=$SECONDS
    log "building $IMAGE"
    # docker format keeps the HEALTHCHECK (the OCI format has no field for it).
    pod build --network=host --format docker \
        -f "$REPO/Dockerfile.executor" -t "$IMAGE" "$REPO"
    echo "image built in $((SECONDS - started)) s"
}

# ---------------------------------------------------------------------------------------------
# Checks. Each check_* prints a short detail and returns non-zero on failure.

failures=()
passed=0
run_check() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then
        printf 'PASS  %s%s\n' "$name" "${out:+: $out}"
        passed=$((passed + 1))
    else
        printf 'FAIL  %s: %s\n' "$name" "${out:-(no detail)}"
        failures+=("$name")
    fi
}

# http METHOD PATH [JSON] -> HTTP_STATUS, body in $TMP/body
http() {
    local args=(-sS -o "$TMP/body" -w '%{http_code}' --max-time 60 -X "$1" "$BASE_URL$2")
    [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
    HTTP_STATUS=$(curl "${args[@]}" 2>"$TMP/curl.err") || HTTP_STATUS="000 ($(cat "$TMP/curl.err"))"
}
body() { cat "$TMP/body"; }

# POST /execute with CODE; leaves the response in $TMP/body.
execute() {
    http POST /execute "$(jq -cn --arg code "$1" '{code: $code}')"
    [ "$HTTP_STATUS" = 200 ] || { echo "HTTP $HTTP_STATUS: $(head -c 300 "$TMP/body")"; return 1; }
}

in_container() { pod exec "$CONTAINER" "$@"; }

check_size() {
    local bytes mb
    bytes=$(pod image inspect --format '{{.Size}}' "$IMAGE")
    mb=$((bytes / 1000000))
    echo "$mb MB (limit $MAX_IMAGE_MB MB)"
    [ "$mb" -le "$MAX_IMAGE_MB" ]
}

check_health() {
    http GET /health
    echo "$(body)"
    [ "$HTTP_STATUS" = 200 ] && jq -e '.status == "healthy"' "$TMP/body" >/dev/null
}

check_image_healthcheck() {
    pod healthcheck run "$CONTAINER" && echo "podman healthcheck run: healthy"
}

check_pid1_tini() {
    local cmd
    cmd=$(in_container cat /proc/1/cmdline | tr '\0' ' ')
    echo "$cmd"
    [[ $cmd == "/usr/bin/tini -- /usr/bin/python3 -I -S /opt/deepinsight/supervisor.py dotnet /opt/deepinsight/DeepInsight.Executor.dll "* ]]
}

check_not_root() {
    local uid procs
    uid=$(in_container id -u)
    # Every process, the server included, not only the exec'd shell.
    procs=$(in_container python3 -c '
import glob
for status in glob.glob("/proc/[0-9]*/status"):
    try:
        fields = dict(line.split(":", 1) for line in open(status))
    except OSError:
        continue
    print(fields["Name"].strip(), fields["Uid"].split()[0])')
    echo "exec uid $uid; processes: $(echo "$procs" | tr '\n' ',' | sed 's/,$//')"
    [ "$uid" != 0 ] && ! echo "$procs" | awk '$2 == 0 { found = 1 } END { exit !found }'
}

check_curl_inside() {
    in_container curl -fsS http://localhost:8080/health
}

check_fonts() {
    local nanum sans mono
    nanum=$(in_container fc-list | grep -ci nanum || true)
    sans=$(in_container fc-match -f '%{family[0]}' sans-serif)
    mono=$(in_container fc-match -f '%{family[0]}' monospace)
    echo "$nanum Nanum faces; sans-serif -> $sans; monospace -> $mono"
    [ "$nanum" -gt 0 ] && [ "$sans" = NanumGothic ] && [ "$mono" = NanumGothicCoding ]
}

# Korean text and negative numbers in a chart, with any matplotlib warning (such as a glyph
# missing from the font) turned into a failure.
check_python_stack() {
    in_container python3 -W error::UserWarning -c '
import matplotlib, pandas, numpy
import matplotlib.pyplot as plt
assert matplotlib.get_backend().lower() == "agg", matplotlib.get_backend()
assert matplotlib.rcParams["font.family"] == ["NanumGothic"], matplotlib.rcParams["font.family"]
fig, ax = plt.subplots()
ax.bar(["서울", "부산"], [3, -2])
ax.set_title("한글 제목")
fig.savefig("/tmp/korean.png")
print("pandas", pandas.__version__, "numpy", numpy.__version__, "matplotlib", matplotlib.__version__)'
}

# The reference image's Python stack imports, and /container-info says which packages are the
# project's stand-ins (no PyPI here, so lovelyplots, adjustText, koreanize-matplotlib and mlxtend
# are, unless the build reached PyPI).
check_python_packages() {
    in_container python3 -c 'import boto3, numpy, pandas, scipy, sklearn, mlxtend, matplotlib, adjustText, seaborn, lovelyplots, koreanize_matplotlib, plotly, weasyprint, PIL, docx, lxml, openpyxl' || return 1
    in_container sh -c 'command -v pdftotext && command -v pandoc && command -v pip' >/dev/null || { echo "pdftotext, pandoc or pip missing"; return 1; }
    http GET /container-info
    [ "$HTTP_STATUS" = 200 ] || { echo "HTTP $HTTP_STATUS"; return 1; }
    jq -r '[.python_packages[] | "\(.name) \(.version)\(if .fallback then " (stand-in)" else "" end)"] | join(", ")' "$TMP/body"
    jq -e '(.python_packages | length) == 17 and all(.python_packages[]; .version != null)' "$TMP/body" >/dev/null
}

# The agent workload suite (workload/), sent as the runtime sends it, artifacts checked from here.
check_agent_workload() {
    /usr/bin/python3 "$REPO/workload/agent_workload.py" --url "$BASE_URL" --session-id "$SESSION_ID" \
        --report "$TMP/workload.json" >"$TMP/workload.out" 2>&1 || { tail -n 40 "$TMP/workload.out"; return 1; }
    grep -cE '^PASS' "$TMP/workload.out" | sed 's/$/ artifact checks passed/'
}

# A daemon whose parent exits is re-parented to PID 1; it must be reaped there when it dies.
check_orphans_reaped() {
    local ppid zombies
    in_container python3 -c '
import os, time
if os.fork() == 0:
    if os.fork() == 0:
        time.sleep(1)
        with open("/tmp/orphan-ppid", "w") as f:
            f.write(str(os.getppid()))
    os._exit(0)
os.wait()'
    sleep 3
    ppid=$(in_container cat /tmp/orphan-ppid)
    zombies=$(list_zombies)
    echo "orphan's parent became PID $ppid; zombies: ${zombies:-none}"
    [ "$ppid" = 1 ] && [ -z "$zombies" ]
}

list_zombies() {
    in_container python3 -c '
import glob
for stat in glob.glob("/proc/[0-9]*/stat"):
    try:
        text = open(stat).read()
    except OSError:
        continue
    head, _, rest = text.rpartition(") ")
    if rest.split()[0] == "Z":
        print(head + ")")' | tr '\n' ' '
}

check_health_contract() {
    http GET /health
    echo "$(body)"
    [ "$HTTP_STATUS" = 200 ] && jq -e --arg sid "$SESSION_ID" \
        '.session_id == $sid and (.executions_completed | type == "number")
         and (.max_executions | type == "number") and .is_complete == false' "$TMP/body" >/dev/null
}

check_execute_pandas_chart() {
    execute '
import pandas as pd
import matplotlib.pyplot as plt
df = pd.DataFrame({"지역": ["서울", "부산", "대구"], "매출": [120, 95, -30]})
print(df.to_string(index=False))
fig, ax = plt.subplots()
ax.bar(df["지역"], df["매출"])
ax.set_title("지역별 매출")
fig.savefig("artifacts/container_test_chart.png")
print("saved")' || return 1
    jq -c '{status, stdout, stderr, error}' "$TMP/body"
    jq -e '.status == "completed" and (.stdout | contains("서울") and contains("saved"))
           and (.stderr | contains("missing from") | not)' "$TMP/body" >/dev/null \
        && in_container test -s /app/artifacts/container_test_chart.png
}

check_execute_bash_uid() {
    execute 'BASH: id -u' || return 1
    jq -c '{status, stdout}' "$TMP/body"
    jq -e '.status == "completed" and (.stdout | tonumber) != 0' "$TMP/body" >/dev/null
}

# The render endpoints are not in CONTRACT.md yet: these bodies follow the chart and report
# modules' intent (Korean labels, Korean PDF) and may need aligning once they land. Either a
# file body (PNG/PDF magic) or a JSON answer without "error" counts as rendered.
# POSTs a render request, then downloads the file it names through /artifacts and checks its magic.
check_render() {
    local path=$1 json=$2 magic=$3 output
    http POST "$path" "$json"
    [ "$HTTP_STATUS" = 200 ] || { echo "HTTP $HTTP_STATUS: $(head -c 300 "$TMP/body")"; return 1; }
    output=$(jq -r '.path' "$TMP/body")
    http GET "/artifacts/${output#artifacts/}"
    [ "$HTTP_STATUS" = 200 ] || { echo "download of $output: HTTP $HTTP_STATUS"; return 1; }
    head -c 8 "$TMP/body" | grep -q "$magic" || { echo "$output does not start with $magic"; return 1; }
    echo "$output: $(stat -c %s "$TMP/body") bytes of $magic"
}

check_render_chart() {
    check_render /render/chart '{"type": "bar", "title": "지역별 매출", "x_label": "지역", "y_label": "매출",
        "categories": ["서울", "부산", "대구"], "series": [{"name": "2025년", "values": [120, 95, -30]}],
        "format": "png", "output": "artifacts/container_test_native_chart.png"}' PNG
}

# With the chart above (ScottPlot, PNG) as an image: the image goes into the PDF by patching cairo's output
# (Rendering/Canvas/PdfImageStream.cs), so the image's cairo version is checked here with poppler.
check_render_report() {
    check_render /render/report '{"title": "컨테이너 점검 보고서",
        "markdown": "# 요약\n\n서울의 매출이 가장 높습니다.\n\n![지역별 매출](artifacts/container_test_native_chart.png)\n\n| 지역 | 매출 |\n|---|---|\n| 서울 | 120 |\n| 부산 | 95 |\n",
        "output": "artifacts/container_test_report.pdf"}' '%PDF' || return 1
    local images
    images=$(pdfimages -list "$TMP/body" | tail -n +3 | wc -l)
    pdfimages -png "$TMP/body" "$TMP/report-image" || return 1
    echo "report images: $images; extracted $(ls "$TMP"/report-image-* 2>/dev/null | wc -l)"
    [ "$images" = 1 ] && [ -s "$TMP/report-image-000.png" ] \
        && pdftotext "$TMP/body" - | grep -q "서울의 매출이 가장 높습니다"
}

# A chart saved as SVG (ScottPlot through Skia's SVG canvas) goes into a report as vectors,
# drawn by the image's librsvg: no raster image in the PDF, the chart's Korean title as text.
check_render_report_with_svg_chart() {
    check_render /render/chart '{"type": "line", "title": "월별 추이", "categories": ["1월", "2월", "3월"],
        "series": [{"name": "매출", "values": [120, 95, 130], "errors": [5, 8, 4]}], "format": "svg",
        "output": "artifacts/container_test_chart.svg"}' '<?xml' || return 1
    check_render /render/report '{"title": "벡터 차트", "markdown": "![추이](artifacts/container_test_chart.svg)\n",
        "output": "artifacts/container_test_vector_report.pdf"}' '%PDF' || return 1
    local images
    images=$(pdfimages -list "$TMP/body" | tail -n +3 | wc -l)
    echo "raster images: $images"
    [ "$images" = 0 ] && pdftotext "$TMP/body" - | grep -q "월별 추이"
}

# ScottPlot straight from a C# script, Korean title, SkiaSharp's native library loaded by the
# runner inside its limits.
check_csharp_scottplot() {
    execute 'CSHARP: var plt = new ScottPlot.Plot(); plt.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 }); plt.Title("매출"); plt.SavePng("artifacts/container_test_scottplot.png", 800, 600); ScottPlot.Fonts.Default' || return 1
    jq -c '{status, stdout, error}' "$TMP/body"
    jq -e '.status == "completed" and .stdout == "NanumGothic\n"' "$TMP/body" >/dev/null || return 1
    http GET /artifacts/container_test_scottplot.png
    [ "$HTTP_STATUS" = 200 ] && head -c 8 "$TMP/body" | grep -q PNG
}

# SkiaSharp's native library for the image's architecture is in the publish, and resolves its
# dependencies (libfontconfig1) in the image.
check_skia_native_library() {
    in_container sh -c 'ldd /opt/deepinsight/libSkiaSharp.so' | tee "$TMP/ldd"
    grep -q "libfontconfig.so.1 => /" "$TMP/ldd" && ! grep -q "not found" "$TMP/ldd"
}

# A C# script through the compiler process and a runner, Korean output included.
check_csharp_execution() {
    execute 'CSHARP: var xs = new[] { 3, 1, 2 }; Console.WriteLine("합계 " + xs.Sum());' || return 1
    jq -c '{status, stdout, error}' "$TMP/body"
    jq -e '.status == "completed" and .stdout == "합계 6\n"' "$TMP/body" >/dev/null
}

# The image's code is ReadyToRun (a PE whose CLI header points at a native header signed "RTR"),
# and the C# compiler process logged that it is warm, with how long that took after it started.
check_csharp_ready_to_run_and_warm() {
    local r2r warm
    r2r=$(in_container python3 -c '
import struct, sys
data = open("/opt/deepinsight/Microsoft.CodeAnalysis.CSharp.dll", "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
sections, optional_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
directories = pe + 24 + (112 if struct.unpack_from("<H", data, pe + 24)[0] == 0x20B else 96)
def offset(rva):
    for i in range(sections):
        size, address, _, raw = struct.unpack_from("<IIII", data, pe + 24 + optional_size + i * 40 + 8)
        if address <= rva < address + size:
            return rva - address + raw
    sys.exit("rva outside every section")
cli = offset(struct.unpack_from("<I", data, directories + 14 * 8)[0])
native = struct.unpack_from("<I", data, cli + 64)[0]
print("ReadyToRun" if native and data[offset(native):offset(native) + 4] == b"RTR\0" else "IL only")') || return 1
    warm=$(pod logs "$CONTAINER" 2>/dev/null | jq -r 'select(."@mt" | startswith("C# compiler {Pid} warm")) | .ElapsedMs' | head -1)
    echo "Microsoft.CodeAnalysis.CSharp.dll: $r2r; compiler warm ${warm:-never} ms after it started"
    [ "$r2r" = ReadyToRun ] && [ -n "$warm" ]
}

# The server and its supervisor are non-dumpable: code running as the same user must not read
# their environment (where the task's credential variables live).
check_server_environ_hidden() {
    execute 'BASH: for p in /proc/[0-9]*; do
  if tr "\0" " " <$p/cmdline 2>/dev/null | grep -qE "^(dotnet /opt/deepinsight/DeepInsight.Executor.dll|/usr/bin/python3 -I -S /opt/deepinsight/supervisor.py)"; then
    if cat $p/environ >/dev/null 2>&1; then echo "readable $p"; else echo "hidden $p"; fi
  fi
done' || return 1
    jq -r .stdout "$TMP/body"
    jq -e '.stdout | test("hidden") and (test("readable") | not)' "$TMP/body" >/dev/null
}

# Executions that leave processes behind: a backgrounded sleep holding bash's output pipe, a
# child that double-forks a daemon which outlives the execution, and an interpreter that
# exits without cleanup. Each must come back as an answer, and the server must stay healthy.
check_hostile_executions() {
    local statuses=()
    execute 'BASH: sleep 1000 & disown; echo started' || return 1
    statuses+=("$(jq -r .status "$TMP/body")")
    execute '
import os, time
if os.fork() == 0:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(3)
            os._exit(0)
        os._exit(0)
    os._exit(0)
print("forked")' || return 1
    statuses+=("$(jq -r .status "$TMP/body")")
    execute 'import os; os._exit(3)' || return 1
    statuses+=("$(jq -r .status "$TMP/body")")
    http GET /health
    echo "statuses ${statuses[*]}; /health $HTTP_STATUS"
    [ "$HTTP_STATUS" = 200 ]
}

check_no_zombies() {
    local zombies
    sleep 6 # longer than the daemon above lives, so it has exited and needed reaping
    zombies=$(list_zombies)
    [ -z "$zombies" ] || { echo "zombies: $zombies"; return 1; }
    echo "none; leftover sleep 1000: $(in_container sh -c 'grep -l "^sleep$" /proc/[0-9]*/comm 2>/dev/null | wc -l')"
}

# Crash-only: the server (not the container) killed with SIGKILL is restarted by the supervisor
# and answers again with the same session, its count, and the next execution number.
check_crash_restart() {
    local before after server killed_at back_at num
    http GET /health
    before=$(jq -c '{session_id, executions_completed}' "$TMP/body")
    server=$(in_container python3 -c '
import glob
for path in glob.glob("/proc/[0-9]*/cmdline"):
    try:
        args = open(path, "rb").read().split(b"\0")
    except OSError:
        continue
    if args[:2] == [b"dotnet", b"/opt/deepinsight/DeepInsight.Executor.dll"] and args[2] == b"":
        print(path.split("/")[2])')
    [ -n "$server" ] || { echo "no server process found"; return 1; }
    killed_at=$(date +%s%N)
    in_container kill -9 "$server"
    until curl -fsS -o "$TMP/body" --max-time 1 "$BASE_URL/health" 2>/dev/null; do
        [ $(( ($(date +%s%N) - killed_at) / 1000000000 )) -lt 30 ] || { echo "not back within 30 s"; pod logs "$CONTAINER" | tail -n 5; return 1; }
        sleep 0.02
    done
    back_at=$(date +%s%N)
    after=$(jq -c '{session_id, executions_completed}' "$TMP/body")
    execute 'print("after the crash")' || return 1
    num=$(jq .execution_num "$TMP/body")
    echo "server $server killed; back in $(( (back_at - killed_at) / 1000000 )) ms; before $before, after $after, next execution_num $num"
    [ "$before" = "$after" ] && [ "$num" = "$(( $(jq .executions_completed <<<"$after") + 1 ))" ]
}

# ECS StopTask as podman sends it: SIGTERM while an execution sleeps for 90 s, SIGKILL at 30 s.
# The container runs with an 8 s drain (under its 20 s time limit, so the stop ends the sleep,
# not the limit). Exit 0 in time; a new execution refused with 503; in the store the artifact
# written before the stop, that execution's record (failed, TaskStopping, its output so far)
# and the session status.
check_sigterm_store() {
    local started elapsed code long_run refused num session record status
    curl -sS -o "$TMP/stopped.json" --max-time 60 -H 'Content-Type: application/json' \
        --data-binary "$(jq -cn '{code: "open(\"artifacts/before_stop.txt\", \"w\").write(\"written before the stop\")\nprint(\"partial output\", flush=True)\nimport time\ntime.sleep(90)"}')" \
        "$BASE_URL/execute" 2>"$TMP/stopped.err" &
    long_run=$!
    for _ in $(seq 1 150); do
        in_container test -f /app/artifacts/before_stop.txt 2>/dev/null && break
        sleep 0.2
    done
    in_container test -f /app/artifacts/before_stop.txt || { echo "the long execution never wrote its artifact"; return 1; }

    started=$SECONDS
    pod stop -t 30 "$CONTAINER" >/dev/null 2>"$TMP/stop.err" &
    local stopper=$!
    # The signal travels through podman and tini: /health turns 503 when the stop has begun.
    for _ in $(seq 1 50); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/health")" = 503 ] && break
        sleep 0.2
    done
    refused=$(curl -s -o "$TMP/refused.json" -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
        --data-binary '{"code": "print(1)"}' "$BASE_URL/execute")
    wait "$stopper" || { cat "$TMP/stop.err"; return 1; }
    elapsed=$((SECONDS - started))
    wait "$long_run" || { echo "no answer for the stopped execution: $(cat "$TMP/stopped.err")"; return 1; }
    code=$(pod inspect --format '{{.State.ExitCode}}' "$CONTAINER")
    echo "stopped in $elapsed s with exit code $code; execution sent after the signal: HTTP $refused $(head -c 120 "$TMP/refused.json")"
    jq -c '{execution_num, status, stdout, error_type: .error.type}' "$TMP/stopped.json"
    [ "$code" = 0 ] && [ "$elapsed" -lt 30 ] && [ "$refused" = 503 ] || return 1
    jq -e '.status == "failed" and .error.type == "TaskStopping" and (.stdout | contains("partial output"))' "$TMP/stopped.json" >/dev/null || return 1

    mkdir -p "$TMP/store"
    pod cp "$CONTAINER:$STORE/." "$TMP/store/"
    session=$TMP/store/deep-insight/fargate_sessions/$SESSION_ID
    num=$(jq -r .execution_num "$TMP/stopped.json")
    record=$session/debug/execution_$num.json
    status=$session/debug/session_status.json
    [ "$(cat "$session/artifacts/before_stop.txt" 2>/dev/null)" = "written before the stop" ] \
        || { echo "no artifacts/before_stop.txt in the store: $(cd "$TMP/store" && find . -type f | head)"; return 1; }
    [ -s "$record" ] || { echo "no $record in the store"; return 1; }
    jq -e '.status == "failed" and .error.type == "TaskStopping" and (.stdout | contains("partial output"))' "$record" >/dev/null \
        || { echo "record: $(head -c 300 "$record")"; return 1; }
    [ -s "$status" ] || { echo "no $status in the store"; return 1; }
    jq -c '{session_id, total_executions}' "$status"
    jq -e --arg sid "$SESSION_ID" --argjson num "$num" '.session_id == $sid and .total_executions >= $num' "$status" >/dev/null
}

# ---------------------------------------------------------------------------------------------

CONTAINER=
BASE_WORK=
TMP=$(mktemp -d)
cleanup() {
    [ -n "$CONTAINER" ] && pod rm -f -t 0 "$CONTAINER" >/dev/null 2>&1
    [ -n "$BASE_WORK" ] && rm -rf "$BASE_WORK"
    rm -rf "$TMP"
}
trap cleanup EXIT

free_port() {
    local port
    for port in $(seq 18080 18180); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    die "no free port in 18080-18180"
}

install_host_packages
configure_podman
build_base_images
build_image

PORT_ON_HOST=$(free_port)
BASE_URL=http://127.0.0.1:$PORT_ON_HOST
log "starting $IMAGE on $BASE_URL (session $SESSION_ID)"
# Short limits so hostile executions end within the test's patience. Podman's complaint that
# it cannot reach systemd to schedule the image's health timer is expected on a machine without
# systemd, hence stderr kept aside: check_image_healthcheck runs the HEALTHCHECK itself.
CONTAINER=$(pod run -d -p "127.0.0.1:$PORT_ON_HOST:8080" \
    -e SESSION_ID="$SESSION_ID" \
    -e EXECUTOR_PYTHON_TIMEOUT_SECONDS=20 -e EXECUTOR_BASH_TIMEOUT_SECONDS=20 \
    -e EXECUTOR_STOP_DRAIN_SECONDS=8 \
    "$IMAGE" 2>"$TMP/run.err") || { cat "$TMP/run.err"; die "podman run failed"; }
started=$SECONDS
until curl -fsS -o /dev/null --max-time 2 "$BASE_URL/health" 2>/dev/null; do
    if [ "$(pod inspect --format '{{.State.Running}}' "$CONTAINER")" != true ]; then
        pod logs "$CONTAINER" | tail -n 40
        die "the container exited before /health answered"
    fi
    [ $((SECONDS - started)) -lt 60 ] || { pod logs "$CONTAINER" | tail -n 40; die "/health did not answer 200 within 60 s"; }
    sleep 1
done
echo "/health answered after $((SECONDS - started)) s"

log "image checks"
run_check "image size" check_size
run_check "GET /health from outside" check_health
run_check "image HEALTHCHECK" check_image_healthcheck
run_check "tini is PID 1, the supervisor under it" check_pid1_tini
run_check "no process runs as root" check_not_root
run_check "curl inside" check_curl_inside
run_check "Nanum fonts via fontconfig" check_fonts
run_check "python3 pandas/matplotlib with Korean" check_python_stack
run_check "orphans reaped by tini" check_orphans_reaped
run_check "Python stack, poppler, pandoc, pip; /container-info python_packages" check_python_packages

log "contract checks (need the full executor)"
run_check "/health contract fields" check_health_contract
run_check "POST /execute pandas + Korean chart" check_execute_pandas_chart
run_check "POST /execute BASH: id -u is not 0" check_execute_bash_uid
run_check "POST /render/chart" check_render_chart
run_check "POST /render/report" check_render_report
run_check "POST /render/report with an SVG chart as vectors" check_render_report_with_svg_chart
run_check "SkiaSharp native library in the image" check_skia_native_library
run_check "POST /execute C# script" check_csharp_execution
run_check "C# code ReadyToRun, compiler warm" check_csharp_ready_to_run_and_warm
run_check "C# script drawing with ScottPlot in Korean" check_csharp_scottplot
run_check "server environment hidden from executions" check_server_environ_hidden
run_check "agent workload suite (Coder, Validator, Reporter, analysis)" check_agent_workload
run_check "hostile executions answered, server healthy" check_hostile_executions
run_check "no zombie processes" check_no_zombies
run_check "server killed with SIGKILL is back with its session" check_crash_restart
run_check "podman stop -t 30 during a 90 s execution: 503, TaskStopping, all stored, exit 0 in time" check_sigterm_store

echo
# The plain closing line CI reads.
echo "container: $passed passed, ${#failures[@]} failed"
if [ ${#failures[@]} -gt 0 ]; then
    printf 'FAILED %d check(s):\n' "${#failures[@]}"
    printf '  - %s\n' "${failures[@]}"
    exit 1
fi
echo "all checks passed"
