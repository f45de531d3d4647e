#!/usr/bin/env bash
# A real one-machine Slurm cluster for tests: slurmctld + slurmd on localhost with munge, as the
# Slurm quick-start (slurm.schedmd.com/quickstart_admin.html) describes.
#   local-slurm.sh start DIR   starts munged (if none runs), slurmctld and slurmd with all state,
#                              spool, logs and pid files under DIR; prints SLURM_CONF=DIR/slurm.conf
#   local-slurm.sh stop DIR    stops exactly the daemons it started, by the pid files in DIR
# Exit status 3 from start means "Slurm cannot run on this machine" (the caller reports a skip).
set -euo pipefail
cmd=${1:?start|stop}
dir=$(realpath -m "${2:?state directory}")

stop() {
  for f in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munge/munged.pid; do
    [[ -s "$f" ]] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

if [[ "$cmd" == stop ]]; then stop; exit 0; fi
[[ "$cmd" == start ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
for b in munged slurmctld slurmd sbatch sinfo; do
  command -v "$b" >/dev/null || [[ -x /usr/sbin/$b ]] || { echo "local-slurm: $b is not installed" >&2; exit 3; }
done
mkdir -p "$dir"/{state,spool,log}
host=$(hostname -s)
cpus=$(nproc)
mem_mib=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))

# munge: reuse a running munged (the socket answers), else start our own and remember its pid.
if ! munge -n </dev/null >/dev/null 2>&1; then
  [[ -s /etc/munge/munge.key ]] || { /usr/sbin/mungekey --create 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge && chown munge:munge /run/munge
  # munged runs as the munge user and writes its pid file itself: give it a directory it owns.
  install -d -o munge -g munge "$dir/munge"
  su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=$dir/munge/munged.pid" 2>"$dir/log/munged.err" || true
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null >/dev/null 2>&1 || { echo "local-slurm: munged did not start" >&2; cat "$dir/log/munged.err" >&2; exit 3; }
fi

cat > "$dir/slurm.conf" <<CONF
ClusterName=ascendsim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldPort=$(( 16817 + RANDOM % 1000 ))
SlurmdPort=$(( 17818 + RANDOM % 1000 ))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$mem_mib State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF" 2>"$dir/log/slurmctld.err" || { echo "local-slurm: slurmctld failed" >&2; cat "$dir/log/slurmctld.err" >&2; stop; exit 3; }
/usr/sbin/slurmd -f "$SLURM_CONF" 2>"$dir/log/slurmd.err" || { echo "local-slurm: slurmd failed" >&2; cat "$dir/log/slurmd.err" >&2; stop; exit 3; }
for _ in $(seq 100); do
  if sinfo -h -o %T 2>/dev/null | grep -q idle; then echo "SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.2
done
echo "local-slurm: node did not become idle" >&2
sinfo >&2 || true
tail -5 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
stop
exit 3
