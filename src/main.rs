//! The `axial` binary: parses the command line and hands over to the core (`axial::cli`).

use clap::Parser;

fn main() {
    let cli = axial::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Some(command) => axial::cli::run(command, &mut stdout),
        None => open_app(cli.project, cli.review),
    };
    if let Err(e) = result {
        eprintln!("axial: {e:#}");
        std::process::exit(1);
    }
}

/// Opens the window: the start screen, or the given project (a sample folder opens as your
/// own working copy).
fn open_app(project: Option<std::path::PathBuf>, review: bool) -> anyhow::Result<()> {
    if let Some(path) = &project
        && !path.exists()
    {
        anyhow::bail!(
            "there is no project here; check the path, or run `axial` for the start screen: {}",
            path.display()
        );
    }
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && std::env::var_os("WAYLAND_SOCKET").is_none()
    {
        anyhow::bail!(
            "there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); run Axial in a desktop session, or use the command line: axial --help"
        );
    }
    // The window keeps a log in the data folder (Help > Open the log); the command line says
    // what went wrong on stderr, and writes no file a script did not ask for.
    axial::log_file::init();
    log::info!("axial {} opens {:?} (review: {review})", env!("CARGO_PKG_VERSION"), project);
    let how = if review { axial::app::OpenAs::Review } else { axial::app::OpenAs::Edit };
    axial::ui::run(project, how)
}
