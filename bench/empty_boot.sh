#!/usr/bin/env bash
# The floor of the stack, for docs/startup.md: an application with Spring Boot and nothing else (no
# auto-configuration, no bean; bench/EmptyBoot.java) on the jars of the newest fast-start folder
# (target/app/<build time>/lib, so build first), with an AOT cache (Java 25+) or a CDS archive (below)
# recorded for it as lab/server.py has its own, and C1 only. Prints the command that launches it, for
# bench/launch_time.py beside the server and the lab's reference:
#
#   bench/launch_time.py -n 9 "$(bench/empty_boot.sh)" 'Server is on' 'exec python3 lab/server.py' 'Server is on'
#
# Usage: bench/empty_boot.sh [JAVA_HOME]   (default: $JAVA_HOME, else the JDK of java on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
java_home=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
folder=$(ls -d "$PWD"/target/app/2*/ 2>/dev/null | sort | tail -1)
if [ -z "$folder" ]; then
	echo "empty_boot.sh: no target/app/<build time>/ folder: run ./mvnw package -DskipTests first" >&2
	exit 1
fi
out=$PWD/target/empty-boot
mkdir -p "$out/classes"
"$java_home/bin/javac" --release 17 -cp "${folder}lib/*" -d "$out/classes" bench/EmptyBoot.java
"$java_home/bin/jar" cf "$out/empty-boot.jar" -C "$out/classes" .
classpath="$out/empty-boot.jar:$(ls "${folder}"lib/*.jar | tr '\n' ':')"
feature=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "$feature" -ge 25 ]; then
	archive=$out/empty-boot-$feature.aot
	record=(-XX:AOTCacheOutput="$archive")
	use="-XX:AOTCache=$archive -Xlog:aot=off"
else
	archive=$out/empty-boot-$feature.jsa
	record=(-XX:ArchiveClassesAtExit="$archive")
	use="-XX:SharedArchiveFile=$archive -Xlog:cds=off"
fi
rm -f "$archive"
"$java_home/bin/java" -XX:TieredStopAtLevel=1 "${record[@]}" -Dexit=true -cp "$classpath" EmptyBoot \
	> "$out/training-$feature.log" 2>&1
echo "exec $java_home/bin/java -XX:TieredStopAtLevel=1 $use -cp $classpath EmptyBoot"
