# How Pitwall is started, shared by the launcher (./pitwall) and the benchmark that measures Pitwall
# as it runs (src/test/bench-tools/fleet-view-bench). Sourced, with $here set to the project's folder.
# Each step is a function: the JDK (launch_find_jdk), the build (launch_build), the java command
# (launch_java_command) and the JVM's ahead-of-time cache (launch_aot_options).

jar="$here/target/pitwall.jar"
lib="$here/target/lib"
aot="$here/target/pitwall.aot"

launch_java_major() { # prints the feature version of the JDK at $1, or 0
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -f "$release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
}

# Sets $jdk to JDK 25 or later: $PITWALL_JAVA_HOME, else $JAVA_HOME when it is new enough, else the
# newest JDK under /usr/lib/jvm; says what to do and fails when there is none.
launch_find_jdk() {
  local candidate best="" best_major=0 major
  jdk=""
  for candidate in "${PITWALL_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] || continue
    major="$(launch_java_major "$candidate")"
    if [ "${major:-0}" -ge 25 ]; then
      if [ "$candidate" = "${PITWALL_JAVA_HOME:-}" ] || [ "$candidate" = "${JAVA_HOME:-}" ]; then
        jdk="$candidate"; return 0
      fi
      if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
    fi
  done
  jdk="$best"
  if [ -z "$jdk" ]; then
    echo "pitwall: needs JDK 25 or later, and found none (looked at PITWALL_JAVA_HOME, JAVA_HOME and /usr/lib/jvm)." >&2
    echo "pitwall: install one (for example Temurin 25) or set PITWALL_JAVA_HOME to it." >&2
    return 1
  fi
}

launch_stale() {
  [ -f "$jar" ] && [ -d "$lib" ] || return 0
  [ -n "$(find "$here/pom.xml" "$here/src/main" "$here/ui" "$here/app" "$here/icons" \
            -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

# Builds the project with Maven when there is no build yet or the sources are newer than it; fails
# with 3 (something missing in the environment) without Maven, with 70 when the build fails.
launch_build() {
  launch_stale || return 0
  command -v mvn >/dev/null || { echo "pitwall: Maven (mvn) is needed to build Pitwall; install it (apt-get install maven)." >&2; return 3; }
  echo "pitwall: building (first use, or the sources changed)…" >&2
  if ! (cd "$here" && mvn -B -q -DskipTests package > "$here/target-build.log" 2>&1); then
    echo "pitwall: the build failed; see $here/target-build.log" >&2
    return 70
  fi
  rm -f "$here/target-build.log"
}

# Sets java_command (the JDK's java with Pitwall's JVM settings and JavaFX on the module path, a
# supported configuration) and class_path (the build's jar and everything else it needs).
launch_java_command() {
  local f fx_path=""
  class_path="$jar"
  for f in "$lib"/*.jar; do
    case "$(basename "$f")" in
      javafx-*) fx_path="${fx_path:+$fx_path:}$f" ;;
      *) class_path="$class_path:$f" ;;
    esac
  done
  # The JVM's settings, in one argument file that the tests' JVM reads too (runtime.argLine in
  # pom.xml): G1 with short, frequent young pauses (decision 15) and the JIT compilers at nice 10,
  # no thread raised (decision 16); app/jvm.options says what each is for.
  # A later JDK that drops a flag ignores it rather than refusing to start (-XX:+IgnoreUnrecognizedVMOptions,
  # the one option the tests leave out, so that a dropped flag fails there, where a developer sees it).
  java_command=("$jdk/bin/java" -XX:+IgnoreUnrecognizedVMOptions "@$here/app/jvm.options"
    --module-path "$fx_path" --add-modules javafx.controls,javafx.swing
    --enable-native-access=javafx.graphics,ALL-UNNAMED
    --sun-misc-unsafe-memory-access=allow
    --add-exports javafx.base/com.sun.javafx.event=ALL-UNNAMED
    --add-exports javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED
    --add-exports javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED
    --add-exports javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED
    --add-exports javafx.graphics/com.sun.javafx.scene.traversal=ALL-UNNAMED
    --add-opens javafx.controls/javafx.scene.control.skin=ALL-UNNAMED)
}

# The JDK and the build a cache belongs to: the JVM refuses a cache of another JDK (with a warning).
launch_aot_owner() {
  echo "$(readlink -f "$jdk") $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$jdk/release")"
}

launch_aot_fresh() {
  [ -f "$aot" ] && [ "$(cat "$aot.jdk" 2>/dev/null)" = "$(launch_aot_owner)" ] \
    && [ -z "$(find "$jar" "$lib" "$here/app/jvm.options" -newer "$aot" -print -quit 2>/dev/null)" ]
}

# Records the cache from Pitwall's training run (the hidden command aot-train: the window on the
# default sandbox, then each view on the scale sandbox), with its files in a temporary data directory.
# The cache is written beside the old one and moved over it, so that a running Pitwall keeps the
# file it mapped.
launch_aot_record() {
  local log="$here/target/aot-training.log" home started=$SECONDS
  home="$(mktemp -d "${TMPDIR:-/tmp}/pitwall-aot.XXXXXX")"
  echo "pitwall: recording the JVM's ahead-of-time cache, once per build, so that the views are quick from the first" \
    "minute (about 2 minutes; PITWALL_AOT=off skips it)…" >&2
  if "${java_command[@]}" -XX:AOTCacheOutput="$aot.new" -Dpitwall.home="$home" -cp "$class_path" dev.pitwall.app.Main aot-train \
      > "$log" 2>&1 && [ -s "$aot.new" ]; then
    mv -f "$aot.new" "$aot"
    launch_aot_owner > "$aot.jdk"
    rm -f "$aot.failed"
    echo "pitwall: recorded $aot ($(( $(stat -c %s "$aot") >> 20 )) MB) in $(( SECONDS - started )) s." >&2
  else
    rm -f "$aot.new"
    touch "$aot.failed"
    echo "pitwall: could not record the ahead-of-time cache (see $log); Pitwall runs without it, and tries again after the next build." >&2
  fi
  rm -rf "$home"
}

# Sets aot_options to use the JVM's ahead-of-time cache (decision 18), recording it first when it
# is missing or older than the build. Never stops a start: a cache that cannot be recorded, or
# one another launcher is recording, leaves aot_options empty; PITWALL_AOT=off neither records nor uses one.
launch_aot_options() {
  aot_options=()
  [ "${PITWALL_AOT:-on}" != off ] || return 0
  if ! launch_aot_fresh; then
    # a recording that failed for this build is not tried at every start
    [ ! -f "$aot.failed" ] || [ -n "$(find "$jar" -newer "$aot.failed" -print -quit)" ] || return 0
    ( flock -n 9 || exit 0; launch_aot_record ) 9> "$here/target/.aot.lock"
    launch_aot_fresh || return 0
  fi
  aot_options=(-XX:AOTCache="$aot")
}
