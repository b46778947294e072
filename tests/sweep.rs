//! Sweeps on more than one machine: shard K of N runs its replicates by key and writes exact
//! sums, so `verify merge` of any N shards gives the same bytes as one run; parts from another
//! grid, seed or sharding, and missing or repeated shards, are refused. GNU parallel runs the
//! shards here as it would on a workstation (README, "Sweeps").

mod common;
use common::{scratch, verify};
use std::path::Path;
use std::process::{Command, Output};

const GRID: &str = r#"{"reps": 40, "losses": [
    {"loss": "linear", "gnorm": 2, "d": [3, 8], "n": [64, 150]},
    {"loss": "ridge", "big_g": 1.5, "s_star": 0.5, "d": [5], "n": [100]},
    {"loss": "logcosh", "w": 0.5, "d": [4], "n": [80]}
]}"#;

fn parts(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

fn merged(files: &[String], json: bool) -> Output {
    let mut args = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    if json {
        args.extend(["--format", "json"]);
    }
    verify(&args)
}

#[test]
fn any_number_of_shards_merges_to_the_bytes_of_one_run() {
    let dir = scratch("shards");
    let grid = dir.join("grid.json");
    std::fs::write(&grid, GRID).unwrap();
    let g = grid.to_str().unwrap();
    let one = verify(&["sweep", "--grid", g, "--seed", "3", "--quiet"]);
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let one_json = verify(&[
        "sweep", "--grid", g, "--seed", "3", "--quiet", "--format", "json",
    ]);
    assert!(String::from_utf8_lossy(&one.stdout).contains("logcosh"));
    for n in [1u64, 2, 3, 7] {
        let out = dir.join(format!("p{n}"));
        for k in 0..n {
            let o = verify(&[
                "sweep",
                "--grid",
                g,
                "--seed",
                "3",
                "--quiet",
                "--shard",
                &format!("{k}/{n}"),
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let files = parts(&out);
        assert_eq!(files.len() as u64, n);
        assert_eq!(merged(&files, false).stdout, one.stdout, "{n} shards");
        assert_eq!(
            merged(&files, true).stdout,
            one_json.stdout,
            "{n} shards, JSON"
        );
    }
    // the thread count changes nothing either
    let t1 = verify(&[
        "sweep",
        "--grid",
        g,
        "--seed",
        "3",
        "--quiet",
        "--threads",
        "1",
    ]);
    assert_eq!(t1.stdout, one.stdout);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parts_that_do_not_belong_together_are_refused() {
    let dir = scratch("refuse");
    let run = |seed: &str, shard: &str, out: &str, extra: &[&str]| {
        let mut a = vec![
            "sweep", "--loss", "linear", "--d", "2", "--n", "30", "--reps", "6", "--quiet",
            "--seed", seed, "--shard", shard, "--out", out,
        ];
        a.extend_from_slice(extra);
        let o = verify(&a);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let d = |s: &str| dir.join(s).display().to_string();
    run("1", "0/3", &d("a"), &[]);
    run("1", "1/3", &d("a"), &[]);
    run("1", "2/3", &d("a"), &[]);
    run("2", "1/3", &d("seed2"), &[]);
    run("1", "1/3", &d("grid2"), &["--gnorm", "2"]);
    run("1", "1/2", &d("two"), &[]);
    let a = |k: u32| d(&format!("a/part-{k}.json"));
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        ("a missing shard", vec![a(0), a(1)], "missing"),
        (
            "a repeated shard",
            vec![a(0), a(1), a(1), a(2)],
            "appears 2 times",
        ),
        (
            "another seed",
            vec![a(0), d("seed2/part-1.json"), a(2)],
            "seed",
        ),
        (
            "another grid",
            vec![a(0), d("grid2/part-1.json"), a(2)],
            "another grid",
        ),
        (
            "another sharding",
            vec![a(0), d("two/part-1.json"), a(2)],
            "shards",
        ),
    ];
    for (what, files, says) in cases {
        let o = merged(&files, false);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(err.contains(says), "{what}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err}");
    }
    // a tampered count: the part's sums no longer add up to the grid's replicates
    let text = std::fs::read_to_string(a(0)).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["sums"][0]["count"] = serde_json::json!(1000);
    std::fs::write(d("a/part-0.json"), v.to_string()).unwrap();
    let o = merged(&[a(0), a(1), a(2)], false);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gnu_parallel_runs_the_shards() {
    // installed by `scripts/prereqs --test` (the README's test command); its absence fails
    let dir = scratch("parallel");
    let bin = env!("CARGO_BIN_EXE_verify");
    let script = format!(
        "{bin} sweep --loss ridge --d 3,6 --n 50 --reps 30 --seed 9 --quiet > one.txt && \
         parallel --will-cite -j 2 {bin} sweep --loss ridge --d 3,6 --n 50 --reps 30 --seed 9 \
           --quiet --shard {{}}/5 --out parts ::: 0 1 2 3 4 && \
         {bin} merge parts/part-*.json > merged.txt"
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert!(
        o.status.success(),
        "GNU parallel: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let one = std::fs::read(dir.join("one.txt")).unwrap();
    assert!(!one.is_empty());
    assert_eq!(one, std::fs::read(dir.join("merged.txt")).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}
