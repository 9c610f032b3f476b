//! `waymark`: start the server. `waymark --help` lists every setting.

use clap::Parser;
use server::backend::ServerBackend;
use server::config::Config;
use server::seed;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// A page render allocates and frees many small strings and views; glibc's
/// malloc spent ~40% of the CPU on them under load, mimalloc far less
/// (issue 14.4; figures in end2end/bench/speed.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `waymark copy`: move an office's SQLite database into an empty PostgreSQL one.
#[derive(Debug, Parser)]
#[command(
    name = "waymark copy",
    about = "Copy a Waymark SQLite database into an empty PostgreSQL database, and check it."
)]
struct CopyArgs {
    /// The SQLite file (`waymark.sqlite3` in the data directory); only read.
    #[arg(long)]
    from: std::path::PathBuf,
    /// The PostgreSQL database (`postgres://user@host:port/db`), new and empty.
    #[arg(long)]
    to: String,
}

/// `waymark backup`: a consistent copy of the SQLite database, while the server runs.
#[derive(Debug, Parser)]
#[command(name = "waymark backup", about = "Copy the SQLite database to a file, safely while Waymark runs.")]
struct BackupArgs {
    /// Where to write the copy (a new file). Restore by putting it in a data
    /// directory as `waymark.sqlite3`.
    file: std::path::PathBuf,
    /// Directory with the SQLite database.
    #[arg(long, env = "WAYMARK_DATA_DIR", default_value = ".waymark-data")]
    data_dir: std::path::PathBuf,
}

fn backup(args: &BackupArgs) -> ExitCode {
    if args.file.exists() {
        eprintln!("waymark backup: {} already exists: give a new file", args.file.display());
        return ExitCode::FAILURE;
    }
    let done = server::store::Store::open(&args.data_dir).and_then(|store| store.backup(&args.file));
    match done {
        Ok(()) => {
            println!("Backed up {} to {}", args.data_dir.display(), args.file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("waymark backup: {e}");
            ExitCode::FAILURE
        }
    }
}

fn copy(args: &CopyArgs) -> ExitCode {
    match server::store::copy::copy(&args.from, &args.to) {
        Ok(copied) => {
            println!("Copied {} into PostgreSQL, every table checked:", args.from.display());
            for (table, rows, checksum) in copied.tables {
                println!("  {table:<24} {rows:>8} rows  checksum {checksum}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("waymark copy: {e}");
            ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = || tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let subcommand = std::env::args().nth(1).filter(|a| a == "copy" || a == "backup");
    let config = subcommand.is_none().then(Config::parse);
    match config.as_ref().map(|c| c.log_format) {
        Some(server::config::LogFormat::Json) => tracing_subscriber::fmt().json().with_env_filter(filter()).init(),
        _ => tracing_subscriber::fmt().with_env_filter(filter()).init(),
    }
    if std::env::args().nth(1).as_deref() == Some("copy") {
        let args = CopyArgs::parse_from(std::env::args().skip(1));
        // The copy blocks (both databases): off the async workers.
        return tokio::task::spawn_blocking(move || server::store::sql::blocking(|| copy(&args)))
            .await
            .unwrap_or(ExitCode::FAILURE);
    }
    if std::env::args().nth(1).as_deref() == Some("backup") {
        let args = BackupArgs::parse_from(std::env::args().skip(1));
        return tokio::task::spawn_blocking(move || backup(&args)).await.unwrap_or(ExitCode::FAILURE);
    }
    let Some(config) = config else { return ExitCode::FAILURE };
    let (router, backend, seeded) = match server::start(&config) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("waymark: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("waymark: cannot listen on {}: {e}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    // Forget old sessions, wrong tries, share-link salts and form states now and then.
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = backend.tidy().await {
                tracing::warn!("could not tidy: {e}");
            }
        }
    });
    match config.log_format {
        // Every line of a JSON log is one object: no banner.
        server::config::LogFormat::Json => {
            tracing::info!(addr = %config.addr, demo = seeded.is_some(), "waymark is running")
        }
        server::config::LogFormat::Text => print_welcome(&config, seeded),
    }
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown()).await {
        eprintln!("waymark: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn print_welcome(config: &Config, seeded: Option<seed::Seeded>) {
    println!("\nWaymark is running at http://{}", config.addr);
    match &config.database_url {
        // Not the URL itself: it may hold a password.
        Some(_) => println!("Data: PostgreSQL (WAYMARK_DATABASE_URL)"),
        None => println!("Data: {}", config.data_dir.display()),
    }
    if config.is_production() && config.unsafe_no_tls {
        println!(
            "\nWARNING: WAYMARK_UNSAFE_NO_TLS is set: cookies are not Secure and browsers are not told to use https."
        );
    }
    if seeded.is_some() {
        println!("\nDemo sign-ins (development only):");
        println!("  Practitioner:   {} / {}", seed::DEMO_PRACTITIONER, seed::DEMO_PASSWORD);
        println!("  Colleague:      {} / {}", seed::DEMO_COLLEAGUE, seed::DEMO_PASSWORD);
        println!("  Person (Jay):   Waymark number {} / PIN {}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN);
        println!("  New person (Dee): activation code {} at /activate (works once)", seed::DEMO_ACTIVATION_CODE);
    }
    println!();
}

/// Ctrl-C, or SIGTERM: what systemd, Kubernetes and `docker stop` send before
/// they kill. Either way the server stops taking connections and finishes the
/// requests in flight (a sync half sent is answered, not lost).
async fn shutdown() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            // No SIGTERM handler to be had: Ctrl-C alone.
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}
