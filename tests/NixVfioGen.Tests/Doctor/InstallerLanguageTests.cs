using System.Text;
using NixVfioGen.Cli.Discovery;
using NixVfioGen.Doctor;
using NixVfioGen.Model;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Doctor;

/// <summary>
/// doctor reads sources/lang.ini from the installer ISO and compares it with --guest-language. The test ISO is
/// laid out as Microsoft's: the files in UDF only, the ISO 9660 side without them (genisoimage -udf -hide).
/// </summary>
public class InstallerLanguageTests
{
    private const string IsoPath = "var/lib/libvirt/images/Win11.iso";

    // lang.ini as Microsoft's English International ISO has it (CRLF).
    private const string EnglishInternational = "[Available UI Languages]\r\nen-GB = 3\r\n\r\n[Fallback Languages]\r\nen-GB = en-us\r\n";

    private static string WindowsLikeIso(TempDirectory directory, string? langIni, bool utf16 = false)
    {
        ExternalTool.Require("genisoimage", "genisoimage");
        var root = Path.Combine(directory.Path, "iso-root");
        Directory.CreateDirectory(Path.Combine(root, "sources"));
        File.WriteAllText(Path.Combine(root, "README.TXT"), "This disc contains a \"UDF\" file system.\r\n");
        if (langIni is not null)
        {
            File.WriteAllText(Path.Combine(root, "sources", "lang.ini"), langIni, utf16 ? new UnicodeEncoding(false, true) : new UTF8Encoding(false));
        }
        var iso = Path.Combine(directory.Path, "win.iso");
        var made = ExternalTool.Run("genisoimage", ["-quiet", "-udf", "-hide", "sources", "-hide", "sources/lang.ini", "-V", "CCCOMA_X64FRE_EN-GB_DV9", "-o", iso, root]);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return iso;
    }

    private static string Doctor(HostTree tree, GuestLanguage language)
    {
        var domain = HostTree.Domain with
        {
            InstallerIso = HostPath.Parse("/" + IsoPath),
            GuestSetup = GuestSetup.Defaults(WindowsAccountName.Parse("alice")) with { Language = language },
        };
        tree.Healthy(domain: domain);
        return CliRun.Run(["doctor", "--root", tree.Root], libvirt: new VirshProbe("", TimeSpan.FromSeconds(5))).Stdout;
    }

    [Fact]
    public void Doctor_says_when_the_iso_is_not_in_the_guest_language()
    {
        ExternalTool.Require("7zz", "7zip");
        using var directory = new TempDirectory();
        var iso = WindowsLikeIso(directory, EnglishInternational);
        // As on Microsoft's ISOs, the ISO 9660 side does not have it: xorriso cannot read it, 7-Zip (UDF) can.
        var xorriso = ExternalTool.Run("xorriso", ["-indev", iso, "-find", "/sources/lang.ini"]);
        Assert.DoesNotContain("lang.ini", xorriso.Stdout);

        using var tree = new HostTree();
        tree.Write(IsoPath, "");
        File.Copy(iso, tree.PathOf(IsoPath), overwrite: true);
        var report = Doctor(tree, GuestLanguage.Default);
        Assert.Contains("FAIL  guest language: the installer ISO's language is en-GB, but the setup cdrom answers Setup in en-US, so Setup stops at its language page\n"
            + "      fix: generate again with --guest-language en-GB (keyboard and formats stay with --guest-locale)\n", report);

        Assert.Contains("ok    guest language: the installer ISO's language is en-GB, as the setup cdrom answers Setup\n", Doctor(tree, GuestLanguage.Parse("en-gb")));
    }

    [Fact]
    public void Without_guest_setup_or_without_the_iso_nothing_is_read()
    {
        using var tree = new HostTree();
        tree.Healthy(domain: HostTree.Domain with { InstallerIso = HostPath.Parse("/" + IsoPath) });
        Assert.DoesNotContain("guest language", CliRun.Run(["doctor", "--root", tree.Root], libvirt: new VirshProbe("", TimeSpan.FromSeconds(5))).Stdout);
        // With --guest-setup but the ISO not downloaded yet: the iso check says so, the language check waits.
        Assert.DoesNotContain("guest language", Doctor(tree, GuestLanguage.Default));
    }

    [Fact]
    public async Task The_reader_names_what_went_wrong()
    {
        ExternalTool.Require("7zz", "7zip");
        using var directory = new TempDirectory();
        var reader = new InstallerIsoReader(Environment.GetEnvironmentVariable("PATH"), TimeSpan.FromSeconds(30));
        Assert.Equal(new InstallerLanguage.Unreadable("it has no sources/lang.ini"), await reader.ReadAsync(WindowsLikeIso(directory, langIni: null), TestContext.Current.CancellationToken));
        var notAnIso = directory.File("not.iso", "plain text");
        Assert.StartsWith("7zz could not read it: ", Assert.IsType<InstallerLanguage.Unreadable>((await reader.ReadAsync(notAnIso, TestContext.Current.CancellationToken))).Reason);
        Assert.IsType<InstallerLanguage.NoReader>(await new InstallerIsoReader("", TimeSpan.FromSeconds(5)).ReadAsync(notAnIso, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_utf16_lang_ini_is_read_too()
    {
        ExternalTool.Require("7zz", "7zip");
        using var directory = new TempDirectory();
        var read = await new InstallerIsoReader(Environment.GetEnvironmentVariable("PATH"), TimeSpan.FromSeconds(30))
            .ReadAsync(WindowsLikeIso(directory, "[Available UI Languages]\r\nde-DE = 3\r\n", utf16: true), TestContext.Current.CancellationToken);
        Assert.Equal(["de-DE"], Assert.IsType<InstallerLanguage.Read>(read).Languages);
    }
}
