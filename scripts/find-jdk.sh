# Sourced by ./flinks4j, ./run-tests and .ci/run: sets JAVA_HOME to a JDK >= 21 or exits with one clear line.
# Looks at JAVA_HOME, then `java` on PATH, then the usual install folders; the newest suitable one wins among folders.

flinks4j_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

flinks4j_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(flinks4j_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! FLINKS4J_JDK=$(flinks4j_find_jdk); then
  echo "flinks4j: no JDK 21 or newer found (checked JAVA_HOME, java on PATH, /usr/lib/jvm, /usr/java, /opt); install one or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$FLINKS4J_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
