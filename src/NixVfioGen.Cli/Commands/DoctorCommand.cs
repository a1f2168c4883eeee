using System.CommandLine;
using NixVfioGen.Cli.Discovery;
using NixVfioGen.Doctor;
using NixVfioGen.Installed;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// <c>nix-vfio-gen doctor</c>: after the rebuild and reboot, checks the chain from firmware to a VM that
/// can start against the settings the module installed, and names a fix for each broken link. Read-only.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var root = new Option<string>("--root")
        {
            Description = "Root of the tree holding sys/, proc/, dev/ and etc/ (for tests and chroots)",
            DefaultValueFactory = _ => "/",
            HelpName = "DIR",
        };
        var settings = new Option<string?>("--settings")
        {
            Description = "The settings the module installed (default: ROOT" + InstalledFiles.Settings.Path + ")",
            HelpName = "FILE",
        };
        var connect = new Option<string>("--connect", "-c")
        {
            Description = "libvirt connection to ask about the network and the VM",
            DefaultValueFactory = _ => Host.LibvirtSystem.Uri,
            HelpName = "URI",
        };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON" };
        var ids = Options.ModelOption.List("--ids",
            "Check these comma-separated vendor:device ids instead of the settings' (then the addresses come from --pci only)", "vvvv:dddd,...", PciId.ParseList);
        var pci = Options.ModelOption.List("--pci", "Check these comma-separated PCI addresses instead of the settings'", "dddd:bb:ss.f,...", PciAddress.ParseList);
        var user = Options.ModelOption.Of<UserName?>("--user", "Check this user's groups instead of the settings' user", "NAME", UserName.Parse);
        var vmName = Options.ModelOption.Of<DomainName?>("--vm-name", "Check this libvirt domain instead of the settings' VM", "NAME", DomainName.Parse);
        var command = new Command("doctor", "After the rebuild and reboot: check IOMMU, binding, Looking Glass, groups, libvirt and the VM's files, and name each fix");
        command.AddAll([root, settings, connect, json, ids, pci, user, vmName]);
        command.SetAction(async (result, cancellation) =>
        {
            var rootPath = result.GetValue(root)!;
            if (rootPath.Length == 0 || !Directory.Exists(rootPath))
            {
                throw new CliInputException($"--root: '{CliInputException.Printable(rootPath)}' is not a directory; expected the directory that contains sys/ and etc/, e.g. /");
            }
            var reader = new HostFactsReader(rootPath);
            var settingsPath = result.GetValue(settings) ?? reader.PathOf(InstalledFiles.Settings.Path) ?? "";
            var notes = new List<Finding>();
            Settings expected;
            if (File.Exists(settingsPath))
            {
                expected = SettingsFile.Load(settingsPath);
            }
            else if (result.GetValue(settings) is not null)
            {
                throw new CliInputException($"--settings: '{CliInputException.Printable(settingsPath)}' {(Directory.Exists(settingsPath) ? "is a directory" : "does not exist")}; expected the settings.json the module installs");
            }
            else
            {
                expected = Settings.Unknown;
                notes.Add(Finding.Warn("settings", $"{InstalledFiles.Settings.Path} is missing, so only what needs no settings (or what the options name) is checked",
                    "import the generated module in configuration.nix, run sudo nixos-rebuild switch, then reboot"));
            }
            expected = Override(expected, result.GetValue(ids), result.GetValue(pci), result.GetValue(user), result.GetValue(vmName));
            var libvirt = await (environment.Libvirt ?? new VirshProbe(Environment.GetEnvironmentVariable("PATH"), VirshProbe.Deadline))
                .QueryAsync(result.GetValue(connect)!, expected.VmName, cancellation);
            StartupTrace.Mark("settings+virsh");
            var facts = reader.Read(expected, libvirt);
            // The ISO's own display language, only when the setup cdrom answers Setup in one (--guest-setup with --iso).
            if (expected.GuestLanguage is not null && expected.InstallerIso is { } iso && reader.PathOf(iso.Value) is { } isoFile && File.Exists(isoFile))
            {
                facts = facts with
                {
                    InstallerLanguage = await new InstallerIsoReader(Environment.GetEnvironmentVariable("PATH"), TimeSpan.FromSeconds(30)).ReadAsync(isoFile, cancellation),
                };
            }
            StartupTrace.Mark("sysfs+host files");
            IReadOnlyList<Finding> findings = [.. notes, .. DoctorChecks.Run(expected, facts)];
            StartupTrace.Mark("checks");
            environment.Out.Write(result.GetValue(json) ? DoctorReport.Json(findings) : TerminalText.Escape(DoctorReport.Text(findings, expected.VmName)));
            return DoctorChecks.IommuOff(findings) ? ExitCodes.IommuDisabled
                : DoctorReport.AnyFailed(findings) ? ExitCodes.DoctorFoundFailures
                : ExitCodes.Success;
        });
        return command;
    }

    // Options name what to check when there is no settings file, or a different card or VM than it says.
    private static Settings Override(Settings expected, IReadOnlyList<PciId>? ids, IReadOnlyList<PciAddress>? pci, UserName? user, DomainName? vmName) =>
        expected with
        {
            Ids = ids ?? expected.Ids,
            Pci = pci ?? (ids is not null ? [] : expected.Pci),
            User = user ?? expected.User,
            VmName = vmName ?? expected.VmName,
        };
}
