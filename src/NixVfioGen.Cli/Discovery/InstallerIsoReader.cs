using NixVfioGen.Cli.Processes;
using NixVfioGen.Doctor;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads sources/lang.ini from a Windows installer ISO, read-only, with 7-Zip. Microsoft's ISOs carry their
/// files in UDF only (the ISO 9660 side holds just a README.TXT saying so), which xorriso, bsdtar and isoinfo
/// cannot read (libarchive issue #1036); 7-Zip reads UDF and ISO 9660 alike and writes the file to stdout.
/// </summary>
internal sealed class InstallerIsoReader(string? path, TimeSpan timeout)
{
    public const string LangIni = "sources/lang.ini";

    private readonly ProcessRunner runner = new(path, timeout);

    public async Task<InstallerLanguage> ReadAsync(string iso, CancellationToken cancellation)
    {
        // 7zz: 7-Zip itself (nixpkgs _7zz, Debian 7zip); 7z: p7zip.
        var sevenZip = runner.Find("7zz") ?? runner.Find("7z");
        if (sevenZip is null)
        {
            return new InstallerLanguage.NoReader();
        }
        return await runner.RunAsync(sevenZip, ["x", "-so", "--", iso, LangIni], cancellation) switch
        {
            // 7-Zip exits 0 with nothing on stdout when the archive lacks the file.
            ProcessOutcome.Exited { ExitCode: 0, Stdout.Length: 0 } => new InstallerLanguage.Unreadable($"it has no {LangIni}"),
            ProcessOutcome.Exited { ExitCode: 0 } exited => new InstallerLanguage.Read(InstallerLanguage.Parse(exited.Stdout)),
            ProcessOutcome.Exited exited => new InstallerLanguage.Unreadable(
                $"{Path.GetFileName(sevenZip)} could not read it: {LastErrorLine(exited) ?? "exit code " + exited.ExitCode}"),
            ProcessOutcome.TimedOut => new InstallerLanguage.Unreadable($"{Path.GetFileName(sevenZip)} did not finish within {timeout.TotalSeconds:0} s"),
            ProcessOutcome.TooLarge tooLarge => new InstallerLanguage.Unreadable($"its {LangIni} is over {tooLarge.Limit} bytes"),
            ProcessOutcome.NotStarted notStarted => new InstallerLanguage.Unreadable(notStarted.Message),
            _ => new InstallerLanguage.Unreadable("unknown outcome"),
        };
    }

    // 7-Zip puts its reason on the last lines of stderr ("Cannot open the file as archive").
    private static string? LastErrorLine(ProcessOutcome.Exited exited) =>
        exited.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
