using System.Text.Json;
using System.Xml.Linq;
using NixVfioGen.Guest;
using NixVfioGen.Model;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Guest;

/// <summary>--guest-setup: autounattend.xml, the first-logon script, the module that builds the ISO, and the ISO itself.</summary>
public class GuestSetupTests
{
    private static readonly XNamespace U = AutounattendBuilder.Unattend;

    private static readonly string[] Acceptance =
        ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--user", "alice", "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso"];

    public static TheoryData<string, WindowsVersion, string, string, string?> AutounattendCases => new()
    {
        // Name, release, --guest-language, --guest-locale, --guest-edition.
        { "autounattend_w11_en-US", WindowsVersion.Windows11, "en-US", "en-US", null },
        // A German keyboard and formats with Microsoft's English ISO: the display language stays the ISO's.
        { "autounattend_w10_de-DE_on_an_english_iso", WindowsVersion.Windows10, "en-US", "de-DE", null },
        { "autounattend_w11_pro_edition", WindowsVersion.Windows11, "en-GB", "0809:00000809", "Windows 11 Pro" },
    };

    [Theory]
    [MemberData(nameof(AutounattendCases))]
    public void Autounattend_loads_the_drivers_for_the_release_partitions_for_uefi_and_logs_on_once(string name, WindowsVersion windows, string language, string locale, string? edition)
    {
        var setup = new GuestSetup(GuestLanguage.Parse(language), GuestLocale.Parse(locale), WindowsAccountName.Parse("alice"),
            edition is null ? null : GuestEdition.Parse(edition).ForRelease(windows));
        var text = AutounattendBuilder.Render(AutounattendBuilder.Build(windows, setup, lookingGlassHost: true));
        Snapshot.Match(text, name);
        var root = XDocument.Parse(text).Root!;
        var release = VirtioWinDrivers.Release(windows);
        Assert.Equal(["windowsPE", "oobeSystem"], root.Elements(U + "settings").Select(s => (string)s.Attribute("pass")!));
        var paths = root.Descendants(U + "PathAndCredentials").Select(p => (string)p.Element(U + "Path")!).ToArray();
        Assert.Contains($@"E:\virtio-win\viostor\{release}\amd64", paths);
        Assert.Contains($@"D:\virtio-win\NetKVM\{release}\amd64", paths);
        Assert.Equal(paths.Length, paths.Distinct().Count());
        Assert.Equal(["EFI", "MSR", "Primary"], root.Descendants(U + "CreatePartition").Select(p => (string)p.Element(U + "Type")!));
        Assert.Equal("3", (string)root.Descendants(U + "InstallTo").Single().Element(U + "PartitionID")!);
        // The display language is the ISO's in both passes; keyboard and formats are the locale's.
        Assert.Equal(3, root.Descendants(U + "UILanguage").Count());
        Assert.All(root.Descendants(U + "UILanguage"), e => Assert.Equal(language, e.Value));
        Assert.All(root.Descendants(U + "InputLocale"), e => Assert.Equal(locale, e.Value));
        Assert.All(root.Descendants(U + "SystemLocale").Concat(root.Descendants(U + "UserLocale")),
            e => Assert.Equal(GuestLocale.Parse(locale).Tag, e.Value));
        Assert.Equal("alice", (string)root.Descendants(U + "LocalAccount").Single().Element(U + "Name")!);
        Assert.Equal("1", (string)root.Descendants(U + "AutoLogon").Single().Element(U + "LogonCount")!);
        // Nothing bypasses Windows 11's checks: no LabConfig registry keys.
        Assert.DoesNotContain("Bypass", text.Replace("-ExecutionPolicy Bypass", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edition_selects_its_image_by_name_with_its_generic_key_and_shows_the_key_page_only_on_error()
    {
        var setup = GuestSetup.Defaults(WindowsAccountName.Parse("alice")) with { Edition = GuestEdition.Parse("windows 11 pro") };
        var root = XDocument.Parse(AutounattendBuilder.Render(AutounattendBuilder.Build(WindowsVersion.Windows11, setup, lookingGlassHost: true))).Root!;
        var metaData = root.Descendants(U + "OSImage").Single().Element(U + "InstallFrom")!.Element(U + "MetaData")!;
        Assert.Equal("add", (string)metaData.Attribute(AutounattendBuilder.Wcm + "action")!);
        Assert.Equal(("/IMAGE/NAME", "Windows 11 Pro"), ((string)metaData.Element(U + "Key")!, (string)metaData.Element(U + "Value")!));
        var key = root.Descendants(U + "UserData").Single().Element(U + "ProductKey")!;
        Assert.Equal(("VK7JG-NPHTM-C97JM-9MPGT-3V66T", "OnError"), ((string)key.Element(U + "Key")!, (string)key.Element(U + "WillShowUI")!));
        // InstallFrom comes before InstallTo, as in Microsoft's OSImage reference.
        Assert.Equal(["InstallFrom", "InstallTo"], root.Descendants(U + "OSImage").Single().Elements().Select(e => e.Name.LocalName));

        // Without an edition: no key and no image, so Setup asks for both (as the README says).
        var plain = XDocument.Parse(AutounattendBuilder.Render(AutounattendBuilder.Build(WindowsVersion.Windows11, GuestSetup.Defaults(WindowsAccountName.Default), true))).Root!;
        Assert.Empty(plain.Descendants(U + "ProductKey"));
        Assert.Empty(plain.Descendants(U + "InstallFrom"));
    }

    [Theory]
    [InlineData("Windows 11 Pro", WindowsVersion.Windows11, "Windows 11 Pro")]
    [InlineData("Pro", WindowsVersion.Windows10, "Windows 10 Pro")]
    [InlineData("windows 10 pro n for workstations", WindowsVersion.Windows10, "Windows 10 Pro N for Workstations")]
    [InlineData("Home", WindowsVersion.Windows11, "Windows 11 Home")]
    public void Editions_are_named_as_install_wim_names_them(string given, WindowsVersion windows, string image) =>
        Assert.Equal(image, GuestEdition.Parse(given).ForRelease(windows).ImageName);

    [Fact]
    public void The_edition_option_reaches_the_module()
    {
        var result = CliRun.Run([.. Acceptance, "--guest-edition", "Windows 11 Pro"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<Value>Windows 11 Pro</Value>", result.Stdout);
        Assert.Contains("<Key>VK7JG-NPHTM-C97JM-9MPGT-3V66T</Key>", result.Stdout);
    }

    [Fact]
    public void An_account_name_with_xml_characters_round_trips()
    {
        var text = AutounattendBuilder.Render(AutounattendBuilder.Build(WindowsVersion.Windows11, GuestSetup.Defaults(WindowsAccountName.Parse("Tom & 'Jerry'")), lookingGlassHost: true));
        Assert.Equal("Tom & 'Jerry'", XDocument.Parse(text).Root!.Descendants(U + "LocalAccount").Single().Element(U + "Name")!.Value);
    }

    [Theory]
    [InlineData("de-DE", "de-DE", "de-DE")]
    [InlineData("DE-ch", "de-CH", "de-CH")]
    [InlineData("sr-Latn-RS", "sr-Latn-RS", "sr-Latn-RS")]
    // German formats with the US keyboard; SystemLocale and UserLocale take only tags, so the LCID's tag.
    [InlineData("0407:00000409", "0407:00000409", "de-DE")]
    [InlineData("0C07:00000407", "0c07:00000407", "de-AT")]
    public void Locales_are_windows_tags_or_input_profiles(string given, string inputLocale, string tag)
    {
        var locale = GuestLocale.Parse(given);
        Assert.Equal((inputLocale, tag), (locale.InputLocale, locale.Tag));
    }

    [Fact]
    public void The_first_logon_script_and_command_parse_in_powershell()
    {
        using var directory = new TempDirectory();
        var script = FirstLogonScript.Text("B7");
        Snapshot.Match(script, "first-logon-script");
        Assert.Contains("$version = 'B7'", script);
        Assert.Equal("", PowerShell.ParseErrors(directory.File("setup.ps1", script)));
        // The command autounattend runs, as powershell.exe receives it after -Command.
        var command = AutounattendBuilder.FirstLogonCommand;
        var inner = command[(command.IndexOf("-Command \"", StringComparison.Ordinal) + 10)..^1];
        Assert.Equal("", PowerShell.ParseErrors(directory.File("command.ps1", inner)));
        // A broken script is reported: the check can fail.
        Assert.NotEqual("", PowerShell.ParseErrors(directory.File("broken.ps1", script.Replace("} catch {", "} catch", StringComparison.Ordinal))));
    }

    [Fact]
    public void The_acceptance_command_gives_a_module_with_the_setup_iso_and_a_domain_with_its_cdrom()
    {
        var result = CliRun.Run(Acceptance);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr.Split('\n').Where(line => line.Contains("warning", StringComparison.Ordinal)).FirstOrDefault() ?? "");
        var evaluated = NixTool.EvaluateModule(result.Stdout);
        var etc = evaluated.GetProperty("environment").GetProperty("etc");
        var build = etc.GetProperty("nix-vfio-gen/win11-setup.iso").GetProperty("source").GetString()!;
        Assert.Contains("cp /nix/store/stub/files/autounattend.xml root/autounattend.xml\n", build);
        Assert.Contains("/nix/store/stub/xorriso/bin/xorriso -as mkisofs -J -joliet-long -r -V NVG_SETUP -o \"$out\" root\n", build);
        // The build script is a generated script like the hooks: shellcheck, as stdenv runs it (bash, set -e).
        ExternalTool.Require("shellcheck", "shellcheck");
        var check = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\n# shellcheck disable=SC2154 # $out: the derivation's output path, set by the builder\nset -e\n" + build);
        Assert.True(check.ExitCode == 0, "shellcheck: " + check.Stdout + check.Stderr);
        var domain = XDocument.Parse(etc.GetProperty("nix-vfio-gen/win11.xml").GetProperty("text").GetString()!);
        var cdroms = domain.Descendants("disk").Where(d => (string?)d.Attribute("device") == "cdrom")
            .Select(d => (string)d.Element("source")!.Attribute("file")!).ToArray();
        Assert.Equal(["/var/lib/libvirt/images/Win11.iso", "/etc/nix-vfio-gen/win11-setup.iso"], cdroms);
        Assert.DoesNotContain("/nix/store", etc.GetProperty("nix-vfio-gen/win11.xml").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(true, "--iso", "/var/lib/libvirt/images/Win11.iso")]
    [InlineData(false, "--iso", "/var/lib/libvirt/images/Win11.iso", "--virtio-iso", "/var/lib/libvirt/images/virtio-win.iso")]
    [InlineData(false, "--iso", "/var/lib/libvirt/images/Win11.iso", "--guest-setup")]
    [InlineData(false)]
    public void An_installer_without_drivers_warns_that_setup_will_not_see_the_disk(bool warns, params string[] options)
    {
        var result = CliRun.Run(["--ids", "1002:67df", .. options]);
        Assert.Equal(0, result.ExitCode);
        const string warning = "nix-vfio-gen: warning: --iso without --virtio-iso or --guest-setup: Windows Setup will not see the virtio disk; "
            + "add --guest-setup (unattended, drivers included) or --virtio-iso PATH (\"Load driver\" by hand)\n";
        Assert.Equal(warns, result.Stderr.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_iso_guest_setup_warns_that_windows_itself_is_missing()
    {
        var result = CliRun.Run(["--ids", "1002:67df", "--guest-setup"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nix-vfio-gen: warning: --guest-setup answers Windows Setup's questions but does not bring Windows: add --iso PATH", result.Stderr);
    }

    [Fact]
    public void The_module_builds_an_iso_holding_every_file_at_its_root()
    {
        if (ExternalTool.Run("id", ["-u"]).Stdout.Trim() != "0")
        {
            Assert.Skip("needs a writable Nix store for builtins.toFile (root, as in CI)");
        }
        ExternalTool.Require("xorriso", "xorriso");
        using var directory = new TempDirectory();
        // pkgs.virtio-win's layout, reduced to the folders Setup reads and the guest tools installer.
        foreach (var folder in new[] { "viostor/w11/amd64", "NetKVM/w11/amd64", "viostor/w10/amd64" })
        {
            Directory.CreateDirectory(Path.Combine(directory.Path, "tools", "virtio-win", folder));
            File.WriteAllText(Path.Combine(directory.Path, "tools", "virtio-win", folder, "driver.inf"), "; driver\n");
        }
        File.WriteAllText(Path.Combine(directory.Path, "tools", "virtio-win", "virtio-win-guest-tools.exe"), "MZ");
        Directory.CreateDirectory(Path.Combine(directory.Path, "tools", "xorriso", "bin"));
        File.CreateSymbolicLink(Path.Combine(directory.Path, "tools", "xorriso", "bin", "xorriso"), "/usr/bin/xorriso");

        var module = directory.File("vfio.nix", CliRun.Run(Acceptance).Stdout);
        var stub = NixTool.StubFile(directory);
        var evaluation = ExternalTool.Run("nix-instantiate", ["--eval", "--strict", "--json", "--read-write-mode", stub,
            "--arg", "modulePath", module, "--argstr", "kernelVersion", "6.18.1", "--argstr", "toolRoot", Path.Combine(directory.Path, "tools"),
            "--arg", "realFiles", "true", "-A", "environment.etc"]);
        Assert.True(evaluation.ExitCode == 0, evaluation.Stderr);
        var build = JsonDocument.Parse(evaluation.Stdout).RootElement.GetProperty("nix-vfio-gen/win11-setup.iso").GetProperty("source").GetString()!;
        var work = Path.Combine(directory.Path, "build");
        Directory.CreateDirectory(work);
        var iso = Path.Combine(directory.Path, "setup.iso");
        var run = ExternalTool.Run("bash", ["-euc", $"cd '{work}' && out='{iso}' && {build}"]);
        Assert.True(run.ExitCode == 0, run.Stderr);

        var listing = ExternalTool.Run("xorriso", ["-indev", iso, "-lsd", "/*"]);
        Assert.True(listing.ExitCode == 0, listing.Stderr);
        foreach (var name in new[] { "autounattend.xml", "nix-vfio-gen-setup.ps1", "virtio-win" })
        {
            Assert.Contains($"'/{name}'", listing.Stdout);
        }
        var extracted = Path.Combine(directory.Path, "extracted");
        Directory.CreateDirectory(extracted);
        var extract = ExternalTool.Run("xorriso", ["-osirrox", "on", "-indev", iso,
            "-extract", "/autounattend.xml", Path.Combine(extracted, "autounattend.xml"),
            "-extract", "/nix-vfio-gen-setup.ps1", Path.Combine(extracted, "setup.ps1"),
            "-extract", "/virtio-win/viostor/w11/amd64/driver.inf", Path.Combine(extracted, "driver.inf")]);
        Assert.True(extract.ExitCode == 0, extract.Stderr);
        var options = GuestSetup.Defaults(WindowsAccountName.Parse("alice"));
        Assert.Equal(AutounattendBuilder.Render(AutounattendBuilder.Build(WindowsVersion.Windows11, options, lookingGlassHost: true)), File.ReadAllText(Path.Combine(extracted, "autounattend.xml")));
        Assert.Equal(FirstLogonScript.Text("B7"), File.ReadAllText(Path.Combine(extracted, "setup.ps1")));
        Assert.True(File.Exists(Path.Combine(extracted, "driver.inf")));
    }
}
