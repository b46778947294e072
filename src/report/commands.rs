//! The outputs of `verify list`, `eval`, `simulate` and `bench`, as text or JSON.

use crate::claims::formal::describe;
use crate::claims::Claim;
use crate::eval::Evaluation;
use crate::montecarlo::sweep::SweepResult;
use crate::montecarlo::{BenchRow, CellSummary, SimulateRequest};

/// `verify list`: one line per claim, or a JSON array.
pub fn list(claims: &[Claim], json: bool) -> String {
    if json {
        let v: Vec<_> = claims
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.id,
                    "paper_ref": c.paper_ref,
                    "statement": c.statement,
                    "method": c.method,
                    "built": c.built(),
                    "coq": c.coq,
                })
            })
            .collect();
        return serde_json::to_string_pretty(&v).expect("serializable") + "\n";
    }
    let w = claims.iter().map(|c| c.id.len()).max().unwrap_or(0) + 2;
    claims
        .iter()
        .map(|c| {
            let mut line = format!(
                "{:w$}{:9}{}  —  {}\n",
                c.id,
                if c.built() { "built" } else { "pending" },
                c.paper_ref,
                c.method
            );
            if !c.coq.is_empty() {
                line += &format!("{:w$}{:9}Coq: {}\n", "", "", describe(c.coq));
            }
            line
        })
        .collect()
}

/// `verify eval`: the value, its enclosure and the inputs, or one line of JSON.
pub fn eval(ev: &Evaluation, json: bool) -> String {
    if json {
        return serde_json::to_string(ev).expect("serializable") + "\n";
    }
    let mut out = format!("{}  [{}]\n", ev.formula, ev.quantity_name());
    let arg = if ev.n.is_some() { "A" } else { "a" };
    out += &format!("{arg} = {}, {} digits\n", ev.a, ev.digits);
    if let (Some(n), Some(s)) = (ev.n, ev.scaling) {
        out += &format!("n = {n}, scaling {s}\n");
    }
    if let (Some(n), Some(d), Some(g), Some(al)) = (ev.n, ev.d, &ev.g, &ev.alpha) {
        out += &format!("n = {n}, d = {d}, g = {g}, α = {al}\n");
    }
    out += &format!("value      {}\n", ev.value);
    out += &format!("enclosure  [{}, {}]\n", ev.enclosure[0], ev.enclosure[1]);
    if let Some(x) = &ev.x {
        out += &format!("x = {x}\n");
    }
    if let Some(k) = ev.k {
        out += &format!("k = {k}\n");
    }
    if let Some(l) = &ev.limit {
        out += &format!("limit 2A²/3          {}\n", l.value);
    }
    if let Some(l) = &ev.leading {
        out += &format!("leading term α²A⁴‖g‖²(8d/9 − 4/45)/n   {}\n", l.value);
    }
    if let Some(p) = &ev.parts {
        out += &format!(
            "loss {} (G = {}, λ = {}), n₀ = {}\n",
            p.loss, p.g, p.lambda, p.n0
        );
        for (name, v) in [
            ("bias      ακ_nλ√dA_n(1 + 1/√3) + αG|κ_n − 2A²/3|", &p.bias),
            ("martingale 2√(nA₀/(1 − B₀))", &p.martingale),
            ("lag       κG/n", &p.lag),
            ("Grönwall  e^{κλ}", &p.gronwall),
        ] {
            out += &format!("{name}   {}\n", v.value);
        }
    }
    if let Some(x) = &ev.excess {
        out += &format!("excess κ_n − 2A²/3   {}\n", x.value);
        out += &format!(
            "  enclosure          [{}, {}]\n",
            x.enclosure[0], x.enclosure[1]
        );
    }
    out
}

/// `verify simulate`: the two RMS errors with their standard errors and the prediction.
pub fn simulate(
    req: &SimulateRequest,
    s: &CellSummary,
    prediction: Option<f64>,
    json: bool,
) -> String {
    let steps = req.reps as f64 * req.n as f64 * req.d as f64;
    let p = &req.loss;
    if json {
        let mut v = serde_json::json!({
            "schema": crate::report::files::SCHEMA,
            "loss": req.kind.name(),
            "d": req.d,
            "n": req.n,
            "reps": req.reps,
            "alpha": req.alpha,
            "a": req.big_a,
            "scaling": req.scaling.name(),
            "seed": req.seed,
            "z0": p.z0,
            "gnorm": req.g_norm(), "w": p.w, "c": p.c, "big_g": p.big_g, "s_star": p.s_star,
            "rmse_sup": s.rmse_sup,
            "rmse_sup_se": s.rmse_sup_se,
            "rmse_terminal": s.rmse_terminal,
            "rmse_terminal_se": s.rmse_terminal_se,
            "prediction_terminal": prediction,
            "coordinate_steps": steps,
        });
        if let Some(g) = &req.g {
            v["g"] = serde_json::json!(g);
        }
        return format!("{v}\n");
    }
    let mut out = format!(
        "loss {}{}, d = {}, n = {}, {} replicates, α = {}, A = {}, scaling {}, seed {}\n",
        req.kind.name(),
        match &req.g {
            Some(g) => format!(" (g = {g:?})"),
            None => String::new(),
        },
        req.d,
        req.n,
        req.reps,
        req.alpha,
        req.big_a,
        req.scaling.name(),
        req.seed
    );
    out += &format!(
        "rmse_sup       {:.6e} ± {:.2e}   (√E sup_ℓ ‖θ^(ℓ) − Z_ℓ/n‖², Theorem 1)\n",
        s.rmse_sup, s.rmse_sup_se
    );
    out += &format!(
        "rmse_terminal  {:.6e} ± {:.2e}   (√E ‖θ^(n) − Z_1‖²)\n",
        s.rmse_terminal, s.rmse_terminal_se
    );
    out += &match prediction {
        Some(p) => {
            format!("prediction     {p:.6e}   (αA²‖g‖√((8d/9 − 4/45)/n), leading order)\n")
        }
        None => "prediction     none for this loss/scaling\n".to_string(),
    };
    out
}

/// `verify bench`: the engine's rate against the floor of its random numbers, per row.
pub fn bench(rows: &[BenchRow], n: u64, runs: usize, json: bool) -> String {
    if json {
        return serde_json::to_string_pretty(rows).expect("serializable") + "\n";
    }
    let mut out = format!(
        "engine vs floor, n = {n}, medians of {runs} runs ({} cores available)\n",
        std::thread::available_parallelism()
            .map(|p| p.get())
            .unwrap_or(1)
    );
    out += &format!(
        "{:9} {:>5} {:>8} {:>7} {:>16} {:>16} {:>7} {:>9} {:>9}\n",
        "loss",
        "d",
        "threads",
        "reps",
        "engine steps/s",
        "floor draws/s",
        "ratio",
        "2t/1t",
        "floor 2/1"
    );
    for (i, r) in rows.iter().enumerate() {
        // the floor's own scaling is the machine's: when the engine's dips, look at it
        let (scaling, floor_scaling) = if r.threads == 2 && i > 0 {
            let prev = &rows[i - 1];
            (
                format!("{:.2}", r.engine_rate / prev.engine_rate),
                format!("{:.2}", r.floor_rate / prev.floor_rate),
            )
        } else {
            (String::new(), String::new())
        };
        out += &format!(
            "{:9} {:>5} {:>8} {:>7} {:>16.3e} {:>16.3e} {:>6.1}% {:>9} {:>9}\n",
            r.loss,
            r.d,
            r.threads,
            r.reps,
            r.engine_rate,
            r.floor_rate,
            100.0 * r.ratio,
            scaling,
            floor_scaling
        );
    }
    out
}

/// `verify sweep` and `verify merge`: one row per cell (the same bytes however it was sharded).
pub fn sweep(r: &SweepResult, json: bool) -> String {
    if json {
        let cells: Vec<_> = r
            .grid
            .cells
            .iter()
            .zip(&r.cells)
            .map(|(c, s)| {
                let mut v = serde_json::to_value(c).expect("serializable");
                match s {
                    Ok(s) => {
                        v["rmse_sup"] = s.rmse_sup.into();
                        v["rmse_sup_se"] = s.rmse_sup_se.into();
                        v["rmse_terminal"] = s.rmse_terminal.into();
                        v["rmse_terminal_se"] = s.rmse_terminal_se.into();
                    }
                    Err(d) => v["diverged"] = serde_json::to_value(d).expect("serializable"),
                }
                v
            })
            .collect();
        let v = serde_json::json!({
            "schema": crate::report::files::SCHEMA,
            "seed": r.seed,
            "grid_sha256": r.grid.sha256(),
            "cells": cells,
        });
        return serde_json::to_string_pretty(&v).expect("serializable") + "\n";
    }
    let mut out = format!("sweep, seed {}, {} cells\n", r.seed, r.grid.cells.len());
    out += &format!(
        "{:>4} {:9} {:>6} {:>9} {:>7} {:>24} {:>24}\n",
        "cell", "loss", "d", "n", "reps", "rmse_sup ± se", "rmse_terminal ± se"
    );
    for (i, (c, s)) in r.grid.cells.iter().zip(&r.cells).enumerate() {
        let row = match s {
            Ok(s) => format!(
                "{:>24} {:>24}",
                format!("{:.6e} ± {:.2e}", s.rmse_sup, s.rmse_sup_se),
                format!("{:.6e} ± {:.2e}", s.rmse_terminal, s.rmse_terminal_se)
            ),
            Err(d) => format!("DIVERGED: {d}"),
        };
        out += &format!(
            "{:>4} {:9} {:>6} {:>9} {:>7} {row}\n",
            i, c.loss, c.d, c.n, c.reps
        );
    }
    out
}
