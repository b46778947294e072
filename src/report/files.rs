//! Writing a report folder so that it is always consistent: the folder is checked before any
//! work, every file is written into a temporary folder beside it and renamed into place, and
//! `manifest.json` (written last) lists each file with its SHA-256. Files of the previous run
//! are removed only if its manifest lists them — never a user's other files, even with
//! `--out .`. An interrupt before the renames leaves the previous report as it was.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The version of the JSON files the tool writes (report, manifest, sweep parts).
pub const SCHEMA: u32 = 1;

/// The manifest's name in the report folder.
pub const MANIFEST: &str = "manifest.json";

/// One file of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub sha256: String,
}

/// What a report folder holds and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub tool: String,
    pub version: String,
    pub profile: String,
    pub seed: u64,
    pub claims: Vec<String>,
    pub files: Vec<ManifestFile>,
}

fn io(path: &Path, what: &str, e: std::io::Error) -> String {
    format!("cannot {what} {}: {e}", path.display())
}

/// Creates the folder if needed and checks that a file can be written there, before any work.
///
/// # Errors
/// One line naming the folder and the reason.
pub fn check_out_dir(out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| io(out, "create", e))?;
    let probe = out.join(format!(".verify-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| io(out, "write into", e))?;
    std::fs::remove_file(&probe).map_err(|e| io(&probe, "remove", e))
}

fn sha256(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The manifest of a previous run in `out`, if there is a readable one.
fn previous(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// A plain file name (no folder, not `.` or `..`): only such names are ever removed.
fn plain(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains('/') && !name.contains('\\')
}

/// Writes `files` into `out` through a temporary folder, then the manifest, and removes the
/// files of the previous run that its manifest lists and this run does not write.
///
/// # Errors
/// One line naming the file and the reason.
pub fn write_report(
    out: &Path,
    files: &[(String, &str)],
    mut manifest: Manifest,
) -> Result<(), String> {
    let tmp: PathBuf = out.join(format!(".verify-tmp-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| io(&tmp, "create", e))?;
    let result = (|| {
        manifest.files = files
            .iter()
            .map(|(name, body)| ManifestFile {
                name: name.clone(),
                sha256: sha256(body.as_bytes()),
            })
            .collect();
        let manifest_body = serde_json::to_string_pretty(&manifest).expect("serializable") + "\n";
        for (name, body) in files {
            let p = tmp.join(name);
            std::fs::write(&p, body).map_err(|e| io(&p, "write", e))?;
        }
        let m = tmp.join(MANIFEST);
        std::fs::write(&m, &manifest_body).map_err(|e| io(&m, "write", e))?;
        let old = previous(out);
        for (name, _) in files {
            std::fs::rename(tmp.join(name), out.join(name))
                .map_err(|e| io(&out.join(name), "move into place", e))?;
        }
        if let Some(old) = old {
            for f in old.files.iter().filter(|f| plain(&f.name)) {
                if files.iter().all(|(n, _)| *n != f.name) {
                    let _ = std::fs::remove_file(out.join(&f.name));
                }
            }
        }
        std::fs::rename(&m, out.join(MANIFEST))
            .map_err(|e| io(&out.join(MANIFEST), "move into place", e))
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
