# Sourced by ./run-tests before the full run: makes sure headless Chromium + chromedriver and PostgreSQL on
# 127.0.0.1:5432 (trust auth) with the database flinks4j_test are there, installing and starting what is missing
# when this user may (root, or sudo without a password), on Debian. Otherwise prints ONE line naming what to
# install and exits non-zero. With FLINKS4J_TEST_PG_URL set, the tests use that server and PostgreSQL is left alone.

flinks4j_prereqs_sudo() { # runs "$@" as root, or fails
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}

flinks4j_prereqs_can_install() {
  command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; }
}

flinks4j_prereqs_fail() {
  echo "run-tests: $*; or run './run-tests --fast' for the unit tests alone" >&2
  exit 1
}

flinks4j_prereqs_apt() { # $@ = Debian packages
  echo "run-tests: installing $* (apt-get)" >&2
  flinks4j_prereqs_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
    flinks4j_prereqs_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
      --no-install-recommends "$@" >/dev/null ||
    flinks4j_prereqs_fail "apt-get install $* failed"
}

flinks4j_prereqs() {
  local missing=() pg_wanted=true pg_new=false version hba
  # The browser tests drive /usr/bin/chromium with /usr/bin/chromedriver (see the tests' Chromium helpers).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -n "${FLINKS4J_TEST_PG_URL:-}" ] && pg_wanted=false
  if $pg_wanted && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && ! ls -d /etc/postgresql/*/main >/dev/null 2>&1; then
    missing+=(postgresql)
    pg_new=true
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    local pg_note=""
    $pg_new && pg_note=", then start PostgreSQL on 127.0.0.1:5432 with trust auth for 127.0.0.1"
    flinks4j_prereqs_can_install ||
      flinks4j_prereqs_fail "the full test run needs ${missing[*]} (Debian: sudo apt-get install -y ${missing[*]}$pg_note)"
    flinks4j_prereqs_apt "${missing[@]}"
  fi
  $pg_wanted || return 0

  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
  # A cluster installed just now asks for a password over TCP; the tests connect as postgres without one.
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if $pg_new && [ -f "$hba" ] && ! grep -Eq '^host +all +all +127\.0\.0\.1/32 +trust' "$hba"; then
    echo "run-tests: allowing trust auth for 127.0.0.1 in the new cluster's $hba" >&2
    flinks4j_prereqs_sudo sed -i '0,/^host/s//host    all             all             127.0.0.1\/32            trust\nhost/' "$hba"
    flinks4j_prereqs_sudo pg_ctlcluster --skip-systemctl-redirect "$version" main reload >/dev/null 2>&1 || true
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    [ -n "$version" ] && flinks4j_prereqs_can_install ||
      flinks4j_prereqs_fail "PostgreSQL is not running on 127.0.0.1:5432: start it (sudo pg_ctlcluster <version> main start)"
    echo "run-tests: starting PostgreSQL $version" >&2
    flinks4j_prereqs_sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
    pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null ||
      flinks4j_prereqs_fail "PostgreSQL $version did not start on 127.0.0.1:5432 (see /var/log/postgresql)"
  fi
  # The tests connect as postgres without a password (the Debian default for local TCP is not trust: say so).
  if ! psql -h 127.0.0.1 -U postgres -w -tAc "select 1" >/dev/null 2>&1; then
    flinks4j_prereqs_fail "cannot connect as postgres without a password to 127.0.0.1:5432: allow trust auth for 127.0.0.1 in pg_hba.conf, or set FLINKS4J_TEST_PG_URL"
  fi
  if ! psql -h 127.0.0.1 -U postgres -w -tAc "select 1 from pg_database where datname = 'flinks4j_test'" | grep -q 1; then
    echo "run-tests: creating database flinks4j_test" >&2
    psql -h 127.0.0.1 -U postgres -w -qc "create database flinks4j_test" >/dev/null ||
      flinks4j_prereqs_fail "cannot create database flinks4j_test on 127.0.0.1:5432"
  fi
}

flinks4j_prereqs
