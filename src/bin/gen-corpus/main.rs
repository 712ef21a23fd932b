//! `gen-corpus`: writes a deterministic, invented minhbach site of a chosen size, for
//! measuring builds and search at scale (`benches/run-search-bytes.sh`).
//!
//! The corpus is made once as layout-free content (`model.rs`: items, facts, bodies with
//! links to items) and then laid out for a generator: `minhbach.rs`, and `hugo.rs` for
//! comparing with Hugo. Same seed and size give byte-identical files: one seeded PRNG
//! (`rng.rs`), fixed word lists, sorted output.
//!
//! ```text
//! cargo run --release --bin gen-corpus -- --out /tmp/corpus --items 1000 --seed 42
//! cargo run --release --bin gen-corpus -- --hugo /tmp/corpus-hugo --items 1000
//! ```

mod dates;
mod generate;
mod hugo;
mod minhbach;
mod model;
mod rng;
mod text;
mod words;

use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write an invented bilingual minhbach site: N items per language (10% campaigns, 70%
/// exemplars, 10% reports, 10% documents and pages), plans 2015–2024, everything dated
/// before 2026-01-01.
#[derive(Parser)]
#[command(name = "gen-corpus")]
struct Args {
    /// Folder to write the minhbach site into; created if missing, and it must be empty.
    #[arg(long, required_unless_present = "hugo")]
    out: Option<PathBuf>,
    /// Folder to write the same content as a Hugo site into (`hugo.toml`, content, data,
    /// minimal layouts); created if missing, and it must be empty.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Items per language.
    #[arg(long, default_value_t = 1000)]
    items: usize,
    /// Seed of the generator; the same seed and size give byte-identical files.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Phone photos to add to the minhbach site (`benches/images.sh`): 4000 × 3000 JPEGs
    /// of about 4 MB, stored sideways with EXIF orientation, GPS and camera, each the
    /// `photo:` of one exemplar (in the order of their files).
    #[arg(long, default_value_t = 0)]
    photos: usize,
}

/// The tests' photo maker: the same phone photos as the browser test's.
#[path = "../../../tests/support/photos.rs"]
mod photos;

/// Writes `n` phone photos to `static/anh/` and names each as the photo of an exemplar.
fn add_photos(out: &Path, n: usize) -> std::io::Result<usize> {
    let dir = out.join("content/exemplars");
    let mut firsts: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".vi.md"))
        .collect();
    firsts.sort();
    std::fs::create_dir_all(out.join("static/anh"))?;
    let mut added = 0;
    for (i, file) in firsts.iter().take(n).enumerate() {
        let name = format!("anh/pho-{i:04}.jpg");
        std::fs::write(
            out.join("static").join(&name),
            photos::phone_photo(i as u32),
        )?;
        let text = std::fs::read_to_string(file)?;
        let lines = format!("photo: /{name}\nphoto_alt: \"Ảnh số {i}\"\naward:");
        std::fs::write(file, text.replacen("award:", &lines, 1))?;
        let en = PathBuf::from(file.to_string_lossy().replace(".vi.md", ".en.md"));
        if let Ok(text) = std::fs::read_to_string(&en) {
            let alt = format!("photo_alt: \"Photo {i}\"\ntitle:");
            std::fs::write(&en, text.replacen("title:", &alt, 1))?;
        }
        added += 1;
    }
    Ok(added)
}

fn write_all(
    out: &Path,
    files: &std::collections::BTreeMap<String, String>,
) -> std::io::Result<()> {
    for (path, text) in files {
        let p = out.join(path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(p, text)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let targets: Vec<&PathBuf> = args.out.iter().chain(args.hugo.iter()).collect();
    for dir in &targets {
        if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
            eprintln!(
                "error: {} is not empty; choose a new or empty folder",
                dir.display()
            );
            return ExitCode::from(2);
        }
    }
    let corpus = generate::generate(args.seed, args.items);
    let layouts = [
        (
            args.out.as_ref(),
            minhbach::files as fn(&model::Corpus, u64) -> _,
        ),
        (args.hugo.as_ref(), hugo::files),
    ];
    for (dir, layout) in layouts {
        let Some(dir) = dir else { continue };
        let files = layout(&corpus, args.seed);
        if let Err(e) = write_all(dir, &files) {
            eprintln!("error: cannot write into {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        println!("Wrote {} files to {}", files.len(), dir.display());
    }
    if let (Some(out), true) = (&args.out, args.photos > 0) {
        match add_photos(out, args.photos) {
            Ok(n) => println!(
                "Wrote {n} phone photos to {}",
                out.join("static/anh").display()
            ),
            Err(e) => {
                eprintln!("error: cannot write photos into {}: {e}", out.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "Per language: {} plans, {} campaigns, {} exemplars, {} reports, {} pages, {} documents",
        corpus.plans.len(),
        corpus.campaigns.len(),
        corpus.exemplars.len(),
        corpus.reports.len(),
        corpus.pages.len(),
        corpus.documents.len(),
    );
    ExitCode::SUCCESS
}
