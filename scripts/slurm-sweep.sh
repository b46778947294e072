#!/usr/bin/env bash
# A sharded sweep on a Slurm cluster: one array task per shard, then one merge job.
#
#   scripts/slurm-sweep.sh GRID.json SHARDS [SEED]
#
# submits `verify sweep --grid GRID.json --shard K/SHARDS` as an array job (--array=0-(SHARDS−1),
# K = $SLURM_ARRAY_TASK_ID), each writing parts/part-K.json, and a merge job that runs after every
# task succeeded (afterok) and writes sweep.txt and sweep.json — the same bytes as one unsharded
# `verify sweep --grid GRID.json --seed SEED`. Build the binary first (cargo build --release) on a
# path every node sees; set VERIFY to point elsewhere.
set -euo pipefail

grid=${1:?usage: slurm-sweep.sh GRID.json SHARDS [SEED]}
shards=${2:?usage: slurm-sweep.sh GRID.json SHARDS [SEED]}
seed=${3:-1}
verify=${VERIFY:-$(pwd)/target/release/verify}
mkdir -p parts

array=$(sbatch --parsable --job-name=verify-sweep --array=0-$((shards - 1)) \
  --cpus-per-task=2 --output=parts/slurm-%A_%a.out \
  --wrap="\"$verify\" sweep --grid \"$grid\" --seed $seed --quiet \
          --shard \$SLURM_ARRAY_TASK_ID/$shards --out parts")

sbatch --job-name=verify-merge --dependency=afterok:"$array" --output=parts/merge.out \
  --wrap="\"$verify\" merge parts/part-*.json > sweep.txt &&
          \"$verify\" merge parts/part-*.json --format json > sweep.json"
echo "submitted array job $array ($shards shards) and its merge"
