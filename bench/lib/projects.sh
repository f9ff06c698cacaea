# The real-world projects the benches build (sourced after common.sh; the caller sets top, and user when it
# runs as root). Each function makes one context in DIR/NAME, FROM BASE (a Debian bookworm image), owned by user. Building them
# needs network for apt and npm.

# DIR/java-app: testdata/java-app (apt JDK + Maven, `mvn package` against the Maven repository it is given
# as m2/, filled here from USER's ~/.m2, where jbuild's own build put the plugins; a stage that runs the jar).
project_java() {
  local dir=$1/java-app base=$2 home plugin version
  home=$(getent passwd "$user" | cut -d: -f6)
  mkdir -p "$1" && cp -r "$top/testdata/java-app" "$dir"
  for plugin in $(grep -o '@maven-[a-z]*-plugin@' "$dir/pom.xml" | tr -d @); do
    version=$(grep -A1 "<artifactId>$plugin</artifactId>" "$top/pom.xml" | grep -o '<version>[^<]*' | head -1 | cut -d'>' -f2)
    sed -i "s/@$plugin@/$version/" "$dir/pom.xml"
  done
  sed -i "s#^FROM debian:bookworm#FROM $base#" "$dir/Dockerfile"
  printf '<settings><mirrors><mirror><id>central</id><mirrorOf>*</mirrorOf><url>file://%s/.m2/repository</url></mirror></mirrors></settings>' \
    "$home" > "$1/settings.xml"
  chown -R "$user:" "$dir" "$1/settings.xml"
  as_user mvn -B -q -f "$dir/pom.xml" -s "$1/settings.xml" -Dmaven.repo.local="$dir/m2" package
  rm -rf "$dir/target"
}

# DIR/npm-app: apt nodejs + npm, npm install of express from the npm registry.
project_npm() {
  local dir=$1/npm-app base=$2
  mkdir -p "$dir"
  cat > "$dir/Dockerfile" <<DOCKERFILE
FROM $base
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json .
RUN --mount=type=bind,source=ca.crt,target=/ca.crt NODE_EXTRA_CA_CERTS=/ca.crt npm install --no-audit --no-fund
COPY server.js .
CMD ["node", "server.js"]
DOCKERFILE
  printf '{"name":"app","version":"1.0.0","dependencies":{"express":"4.21.2"}}\n' > "$dir/package.json"
  cp /etc/ssl/certs/ca-certificates.crt "$dir/ca.crt" # this machine's, which a TLS-inspecting proxy may need
  printf 'require("express")().get("/", (q, r) => r.send("hi")).listen(8080);\n' > "$dir/server.js"
  chown -R "${user:-$(id -un)}:" "$dir"
}

# DIR/apt: a Debian service, apt-get, useradd and su (what Docker 20.10's builder reads: no heredoc).
project_apt() {
  local dir=$1/apt base=$2
  mkdir -p "$dir"
  cat > "$dir/Dockerfile" <<DOCKERFILE
FROM $base
COPY note.txt /note.txt
RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
RUN useradd -m app && su app -c 'hello' > /home/app/greeting
DOCKERFILE
  echo 1 > "$dir/note.txt"
  chown -R "${user:-$(id -un)}:" "$dir"
}
