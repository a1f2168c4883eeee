using NixVfioGen.Host;
using NixVfioGen.Installed;
using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>
/// The chain from firmware to a running VM, checked link by link against what the module was generated
/// for. Pure: the facts were read at the edge. Every finding that is not Ok names its fix.
/// </summary>
public static class DoctorChecks
{
    /// <summary>The check whose failure means the IOMMU is off (exit code 3, as list-iommu).</summary>
    public const string IommuCheck = "iommu";

    private const string Rebuild = "run sudo nixos-rebuild switch with the generated module imported, then reboot";

    private const string RebootFirst = "boot the generated configuration first (see kernel parameters above)";

    private const long MiB = 1024 * 1024;

    public static bool IommuOff(IReadOnlyList<Finding> findings) =>
        findings.Any(finding => finding.Check == IommuCheck && finding.Verdict == Verdict.Fail);

    public static IReadOnlyList<Finding> Run(Settings expected, HostFacts facts)
    {
        var commandLine = KernelCommandLine(expected, facts);
        // Until the machine runs the generated configuration, the later links share that one fix.
        var booted = commandLine?.Verdict != Verdict.Fail;
        var findings = new List<Finding?>
        {
            facts.Kvm
                ? Finding.Ok("kvm", "/dev/kvm exists")
                : Finding.Fail("kvm", "/dev/kvm is missing", "enable SVM (AMD) or VT-x (Intel) in the firmware setup, then boot again"),
            commandLine,
            Iommu(facts),
        };
        var functions = PassedFunctions(expected, facts);
        if (expected.Ids.Count == 0 && expected.Pci.Count == 0)
        {
            findings.Add(Finding.Warn("gpu", "which GPU is passed through is not known, so its binding was not checked",
                "import the generated module (it installs the settings doctor reads), or pass --ids and --pci"));
        }
        else
        {
            findings.AddRange(functions.Count == 0 ? [NoGpuFound(expected)] : functions.Select(function => Driver(expected, function, booted)));
            foreach (var function in functions)
            {
                if (function.BootVga && !expected.SingleGpu)
                {
                    findings.Add(BootDisplay(function));
                }
            }
        }
        findings.AddRange(GroupIsolation(expected, functions, facts));
        findings.AddRange(VendorReset(expected, functions, facts, booted));
        findings.Add(SecureBootFirmware(expected, facts));
        findings.Add(LookingGlass(expected, facts));
        findings.Add(UserGroups(expected, facts));
        findings.AddRange(Libvirt(expected, facts));
        findings.Add(Hook(expected, facts));
        findings.AddRange(Files(expected, facts));
        findings.Add(InstallerLanguageMatches(expected, facts));
        return findings.OfType<Finding>().ToArray();
    }

    private static Finding? KernelCommandLine(Settings expected, HostFacts facts)
    {
        if (expected.KernelParams.Count == 0)
        {
            return null;
        }
        if (facts.KernelCommandLine is not { } line)
        {
            return Finding.Warn("kernel parameters", "/proc/cmdline cannot be read", "run doctor on the host itself, not in a container");
        }
        var words = line.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var missing = expected.KernelParams.Where(parameter => !words.Contains(parameter)).ToArray();
        return missing.Length == 0
            ? Finding.Ok("kernel parameters", string.Join(' ', expected.KernelParams) + " are set")
            : Finding.Fail("kernel parameters", "missing from /proc/cmdline: " + string.Join(' ', missing),
                "the running kernel was not booted from the generated configuration: " + Rebuild);
    }

    private static Finding Iommu(HostFacts facts) => facts.Groups.Count > 0
        ? Finding.Ok(IommuCheck, $"on, {facts.Groups.Count} groups")
        : Finding.Fail(IommuCheck, "off: /sys/kernel/iommu_groups is empty",
            "enable AMD-Vi/IOMMU (AMD) or VT-d (Intel) in the firmware setup; the kernel parameters are the module's part");

    // The domain's addresses when known; else every function with one of the ids.
    private static IReadOnlyList<PciFunction> PassedFunctions(Settings expected, HostFacts facts) =>
        facts.Bus.Where(function => expected.BindBy == BindingMode.Address || expected.Pci.Count > 0
                ? expected.Pci.Contains(function.Address)
                : function.Id is { } id && expected.Ids.Contains(id))
            .ToArray();

    private static Finding NoGpuFound(Settings expected) => Finding.Fail("gpu",
        expected.Pci.Count > 0
            ? "none of " + string.Join(", ", expected.Pci) + " is on the PCI bus"
            : "no PCI function has the id " + string.Join(" or ", expected.Ids),
        "run nix-vfio-gen list-iommu --suggest and generate again with the ids and addresses it prints");

    private static Finding Driver(Settings expected, PciFunction function, bool booted)
    {
        var check = "driver " + function.Address;
        var driver = function.Driver;
        if (driver == "vfio-pci")
        {
            return Finding.Ok(check, "bound to vfio-pci");
        }
        var shown = driver ?? "no driver";
        return expected.BindAt switch
        {
            BindAt.VmStart => Finding.Ok(check, $"on {shown}; the VM's hook hands it to vfio-pci when the VM starts"),
            BindAt.Specialisation => Finding.Fail(check, $"on {shown}, not vfio-pci",
                "boot the entry tagged vfio (the specialisation); the default entry keeps the GPU on the host"),
            _ when !booted => Finding.Fail(check, $"on {shown}, not vfio-pci", RebootFirst),
            _ when driver is null => Finding.Fail(check, "no driver bound; vfio-pci did not claim it",
                "check that vfio-pci is loaded (lsmod | grep vfio_pci) and that this id or address is in the module, then reboot"),
            _ => Finding.Fail(check, $"on {shown}, not vfio-pci: {shown} claimed it first", ClaimedFirst(expected, function, driver)),
        };
    }

    // Only what the module can do: the id list, its softdeps (by ids, for the passed GPU's vendor's drivers), and loading vfio-pci from the initrd.
    private static string ClaimedFirst(Settings expected, PciFunction function, string driver)
    {
        if (expected.BindBy == BindingMode.Ids && function.Id is { } id && !expected.Ids.Contains(id))
        {
            return $"its id {id} is not in the module's vfio-pci ids: generate again with --ids {string.Join(',', expected.Ids.Append(id))}, rebuild, then reboot";
        }
        var softdeps = expected.BindBy == BindingMode.Ids ? expected.Ids.SelectMany(VfioBinding.GraphicsDriversOf) : [];
        return driver is "nvidia" or "nouveau" || !softdeps.Contains(driver)
            ? "bind in the initrd (the default, --early-binding on) so vfio-pci loads before " + driver + ", rebuild, then reboot"
            : "add softdep " + driver + " pre: vfio-pci (the module's extraModprobeConfig does this), rebuild, then reboot";
    }

    // boot_vga=1: the firmware drew its boot screen through this GPU, so the host expects to keep it.
    private static Finding BootDisplay(PciFunction function) => Finding.Warn("display " + function.Address,
        "the firmware shows its boot screen on this GPU; the host is left without one once vfio-pci takes it",
        "plug the monitor into the other GPU and make it the primary display in the firmware setup, or generate with --single-gpu if this is the only one");

    // A group goes to the VM whole: any other endpoint in it must be passed too or detached.
    private static IEnumerable<Finding> GroupIsolation(Settings expected, IReadOnlyList<PciFunction> functions, HostFacts facts)
    {
        var passed = functions.Select(function => function.Address).ToHashSet();
        foreach (var group in facts.Groups.Where(group => group.Functions.Any(function => passed.Contains(function.Address))).OrderBy(group => group.Number))
        {
            var check = $"iommu group {group.Number}";
            var others = group.Functions
                .Where(function => !passed.Contains(function.Address) && !function.IsPciBridge && !function.IsHostBridge)
                .ToArray();
            var bound = group.Functions.Where(function => passed.Contains(function.Address)).All(function => function.Driver == "vfio-pci");
            yield return (others.Length, bound && expected.BindAt != BindAt.VmStart && !facts.VfioGroupNodes.Contains(group.Number)) switch
            {
                ( > 0, _) => Finding.Fail(check, "also holds " + string.Join(", ", others.Select(f => $"{f.Address} ({f.Driver ?? "no driver"})")),
                    "pass those functions too (--pci), or move the card to a slot with its own group"),
                (_, true) => Finding.Fail(check, $"/dev/vfio/{group.Number} is missing although vfio-pci holds the group",
                    "check that vfio_iommu_type1 is loaded (lsmod | grep vfio), then reboot"),
                _ => Finding.Ok(check, "holds only the passed functions"),
            };
        }
    }

    private static IEnumerable<Finding> VendorReset(Settings expected, IReadOnlyList<PciFunction> functions, HostFacts facts, bool booted)
    {
        var gpus = functions.Where(function => function.Id is { } id && expected.VendorReset.Contains(id)).ToArray();
        if (gpus.Length == 0)
        {
            yield break;
        }
        string Fix(string why) => booted ? $"{Rebuild} ({why})" : RebootFirst;
        yield return facts.LoadedModules.Contains("vendor_reset")
            ? Finding.Ok("vendor-reset", "module loaded")
            : Finding.Fail("vendor-reset", "module not loaded; the GPU will not reset when the VM restarts",
                Fix("the module loads vendor-reset at boot"));
        foreach (var gpu in gpus)
        {
            // vendor-reset registers as the device-specific reset, which Linux 5.15+ uses only when reset_method says so.
            var method = facts.ResetMethods.GetValueOrDefault(gpu.Address);
            yield return method == "device_specific"
                ? Finding.Ok("reset " + gpu.Address, "reset_method is device_specific (vendor-reset)")
                : Finding.Fail("reset " + gpu.Address, $"reset_method is {method ?? "unreadable"}, not device_specific",
                    Fix("the module's udev rule sets reset_method"));
        }
    }

    // With Microsoft's keys the domain names the module's firmware links as loader and NVRAM template.
    private static Finding? SecureBootFirmware(Settings expected, HostFacts facts)
    {
        if (expected.SecureBootKeys != SecureBootKeys.Microsoft)
        {
            return null;
        }
        var missing = new[] { MicrosoftKeysFirmware.CodePath, MicrosoftKeysFirmware.VarsTemplatePath }
            .Where(path => !facts.FirmwareFiles.Contains(path)).ToArray();
        return missing.Length == 0
            ? Finding.Ok("firmware", $"Secure Boot firmware with Microsoft's keys at /etc/{MicrosoftKeysFirmware.EtcDirectory}")
            : Finding.Fail("firmware", string.Join(" and ", missing) + (missing.Length == 1 ? " is" : " are") + " missing; the VM cannot start without its loader",
                Rebuild + " (the module links OVMFFull's .ms.fd files there)");
    }

    private static Finding? LookingGlass(Settings expected, HostFacts facts)
    {
        const string Check = "looking glass";
        const string Recreate = "shut the VM down, then: sudo rm " + InstalledFiles.SharedMemoryFile + " && sudo systemd-tmpfiles --create";
        const UnixFileMode GroupReadWrite = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        // The module's tmpfiles rule and udev rule: the client's user owns it, QEMU reaches it through the group.
        var owner = expected.User?.Value ?? "root";
        switch (expected.LookingGlass)
        {
            case LookingGlassMode.Shm:
                return facts.SharedMemoryFile switch
                {
                    null => Finding.Fail(Check, InstalledFiles.SharedMemoryFile + " is missing",
                        "sudo systemd-tmpfiles --create (the module's rule makes it at every boot)"),
                    { Mode: var mode } when (mode & GroupReadWrite) != GroupReadWrite => Finding.Fail(Check,
                        InstalledFiles.SharedMemoryFile + " is not group read-write; QEMU cannot map it", Recreate),
                    { Owner: { } user, Group: { } group } when user != owner || group != InstalledGroups.Qemu => Finding.Fail(Check,
                        $"{InstalledFiles.SharedMemoryFile} belongs to {user}:{group}, not {owner}:{InstalledGroups.Qemu}", Recreate),
                    // Empty until the VM first starts; a file left from a smaller size is the "resized" trap.
                    { Size: > 0 and var size } when expected.ShmemMiB is { } mib && size < mib * MiB => Finding.Fail(Check,
                        $"{InstalledFiles.SharedMemoryFile} is {size / MiB} MiB, smaller than the {mib} MiB configured", Recreate),
                    _ => Finding.Ok(Check, InstalledFiles.SharedMemoryFile + " exists, group read-write"),
                };
            case LookingGlassMode.Kvmfr:
                const string Reload = Rebuild + " (kvmfr is built for the running kernel)";
                const string Retrigger = "sudo udevadm trigger --action=add --subsystem-match=kvmfr (the module's udev rule sets owner, group and mode)";
                return (facts.LoadedModules.Contains("kvmfr"), facts.KvmfrDevice) switch
                {
                    (false, _) => Finding.Fail(Check, "the kvmfr module is not loaded", Reload),
                    (_, null) => Finding.Fail(Check, InstalledFiles.KvmfrDevice + " is missing", Reload),
                    (_, { Mode: var mode }) when (mode & GroupReadWrite) != GroupReadWrite => Finding.Fail(Check,
                        InstalledFiles.KvmfrDevice + " is not group read-write; QEMU cannot map it", Retrigger),
                    (_, { Owner: { } user, Group: { } group }) when user != owner || group != InstalledGroups.Kvm => Finding.Fail(Check,
                        $"{InstalledFiles.KvmfrDevice} belongs to {user}:{group}, not {owner}:{InstalledGroups.Kvm}", Retrigger),
                    _ => Finding.Ok(Check, "kvmfr loaded, " + InstalledFiles.KvmfrDevice + " exists, group read-write"),
                };
            default:
                return null;
        }
    }

    private static Finding UserGroups(Settings expected, HostFacts facts)
    {
        var groups = InstalledGroups.ForUser;
        if (expected.User is not { } user)
        {
            return Finding.Warn("user", "no user is known to run the VMs and Looking Glass, so none was added to " + string.Join(", ", groups),
                "generate with --user YOURNAME, or add those groups to your user's extraGroups");
        }
        if (facts.UserGroups is not { } member)
        {
            return Finding.Warn("user", "/etc/group cannot be read", "run doctor on the host itself");
        }
        var missing = groups.Where(group => !member.Contains(group)).ToArray();
        return missing.Length == 0
            ? Finding.Ok("user", $"{user.Value} is in {string.Join(", ", groups)}")
            : Finding.Fail("user", $"{user.Value} is not in {string.Join(", ", missing)}", Rebuild + "; then log out and in again");
    }

    private static IEnumerable<Finding> Libvirt(Settings expected, HostFacts facts)
    {
        switch (facts.Libvirt)
        {
            case LibvirtFacts.NoVirsh:
                yield return Finding.Warn("libvirt", "virsh is not on PATH, so the network and the VM were not checked",
                    "run doctor where virsh is installed (the module puts it on the system PATH), e.g. after nixos-rebuild switch");
                yield break;
            case LibvirtFacts.Unreachable unreachable:
                yield return Finding.Fail("libvirt", unreachable.Reason,
                    "check that the module is imported (it enables virtualisation.libvirtd), then: sudo systemctl start libvirtd");
                yield break;
            case LibvirtFacts.Reachable reachable:
                yield return reachable.Network switch
                {
                    null => Finding.Fail("network", "the default network is not defined",
                        "define a NAT network named default (virt-manager: Edit > Connection Details > Virtual Networks), then: sudo systemctl restart "
                        + InstalledUnits.DefaultNetwork),
                    { Active: false } => Finding.Fail("network", "the default network is not active", LibvirtSystem.Virsh("net-start default")),
                    { Autostart: false } => Finding.Warn("network", "the default network is active but does not start at boot",
                        LibvirtSystem.Virsh("net-autostart default")),
                    _ => Finding.Ok("network", "default is active and starts at boot"),
                };
                if (expected.SecureBoot && expected.SecureBootKeys == SecureBootKeys.None)
                {
                    yield return reachable.Firmware switch
                    {
                        null => Finding.Warn("uefi", "virsh domcapabilities could not be read, so the firmware was not checked",
                            LibvirtSystem.Virsh("domcapabilities --arch x86_64 --machine q35") + " shows what libvirt offers"),
                        { Efi: true, SecureBoot: true } => Finding.Ok("uefi", "libvirt offers Secure Boot-capable UEFI firmware for q35"),
                        _ => Finding.Fail("uefi", "libvirt finds no Secure Boot-capable UEFI firmware; the VM fails with \"Unable to find any firmware to satisfy 'efi'\"",
                            "use the QEMU of nixpkgs with its firmware descriptors (the module's virtualisation.libvirtd.qemu.package, pkgs.qemu_kvm), or generate with --secure-boot-keys microsoft"),
                    };
                }
                if (expected.VmName is not { } name)
                {
                    yield break;
                }
                var define = FirstDefinition.Define(InstalledFiles.Domain(name).Path);
                if (reachable.Domain is not { } domain)
                {
                    yield return Finding.Fail("vm " + name.Value, "not defined", define + " (or generate with --define so the module defines it at boot)");
                    yield break;
                }
                // virsh domstate can print nothing (a daemon that answered with no state): then only "defined".
                var defined = string.IsNullOrWhiteSpace(domain.State) ? "defined" : "defined, " + domain.State.Trim();
                yield return expected.Disk is { } disk && !domain.DiskSources.Contains(disk.Value)
                    ? Finding.Warn("vm " + name.Value, $"{defined}, but its disk is {string.Join(", ", domain.DiskSources.DefaultIfEmpty("none"))}, not {disk}: an older definition",
                        define + " (it keeps the VM's UUID and NVRAM), or generate with --redefine")
                    : Finding.Ok("vm " + name.Value, defined);
                break;
        }
    }

    private static IEnumerable<Finding> Files(Settings expected, HostFacts facts)
    {
        const string Reachable = "move it to /var/lib/libvirt/images/ and generate again with that path, or chmod o+x each directory above it";
        if (expected.Disk is { } disk)
        {
            yield return facts.Paths.GetValueOrDefault(disk.Value, PathAccess.Missing) switch
            {
                // The generator's own command: qcow2 or raw by the path; a block device is the user's disk, never created.
                PathAccess.Missing => FirstDefinition.CreateDisk(disk, expected.DiskSize ?? DiskSize.Default) is { } create
                    ? Finding.Fail("disk", disk + " does not exist", "sudo " + create)
                    : Finding.Fail("disk", $"block device {disk} does not exist",
                        "attach the disk (ls -l /dev/disk/by-id/ lists stable names), or generate again with --disk naming the one the VM should use"),
                PathAccess.DirectoryClosed => Finding.Fail("disk", disk + $" is below a directory {InstalledGroups.Qemu}, the user QEMU runs as, cannot enter", Reachable),
                PathAccess.NotAFile => Finding.Fail("disk", disk + " is neither a disk image file nor a block device",
                    FirstDefinition.CreateDisk(disk, expected.DiskSize ?? DiskSize.Default) is { } make
                        ? "move what is there away, then sudo " + make
                        : "move what is there away and attach the disk, or generate again with --disk naming the one the VM should use"),
                _ => Finding.Ok("disk", disk + " exists"),
            };
        }
        foreach (var iso in expected.Isos.Select(path => path.Value))
        {
            yield return facts.Paths.GetValueOrDefault(iso, PathAccess.Missing) switch
            {
                PathAccess.Missing => Finding.Warn("iso", iso + " does not exist; the VM starts without it",
                    "download it to that path, or generate again with the path where it is"),
                PathAccess.DirectoryClosed => Finding.Fail("iso", iso + $" is below a directory {InstalledGroups.Qemu}, the user QEMU runs as, cannot enter", Reachable),
                PathAccess.NotAFile => Finding.Fail("iso", iso + " is not a file", "move what is there away and put the ISO at that path"),
                PathAccess.FileClosed => Finding.Warn("iso", iso + " is not readable by others; QEMU reads it only if libvirt may hand it over",
                    "chmod o+r " + Shell.ShellWords.QuoteIfNeeded(iso)),
                _ => Finding.Ok("iso", iso + " exists and QEMU can read it"),
            };
        }
    }

    // libvirt looks for hooks only when it starts; NixOS links them just before (libvirtd-config.service) and
    // never restarts libvirtd on a switch. The generated unit restarts it; this says when that has not happened.
    private static Finding? Hook(Settings expected, HostFacts facts)
    {
        if (facts.Hook is not { DaemonStarted: { } started } hook || expected.VmName is not { } vm)
        {
            return null;
        }
        var name = InstalledUnits.Hook(vm);
        const string Fix = "sudo systemctl restart libvirtd.service (running VMs keep running), then start the VM";
        return hook.Linked switch
        {
            null => Finding.Fail("hook " + name, "the running libvirtd has no such hook: it was started before the module added it", Fix),
            { } linked when linked > started.AddSeconds(2) =>
                Finding.Fail("hook " + name, $"the running libvirtd (started {started:u}) predates its hook (installed {linked:u}); libvirt reads hooks only when it starts", Fix),
            _ => Finding.Ok("hook " + name, "installed before the running libvirtd started"),
        };
    }

    // --guest-language must be the ISO's own: otherwise Setup stops at its language page.
    private static Finding? InstallerLanguageMatches(Settings expected, HostFacts facts)
    {
        const string Check = "guest language";
        if (expected.GuestLanguage is not { } language || facts.InstallerLanguage is not { } iso)
        {
            return null;
        }
        return iso switch
        {
            InstallerLanguage.Read read when read.Languages.Any(language.Matches) =>
                Finding.Ok(Check, $"the installer ISO's language is {language}, as the setup cdrom answers Setup"),
            InstallerLanguage.Read { Languages: [var first, ..] } read => Finding.Fail(Check,
                $"the installer ISO's language is {string.Join(", ", read.Languages)}, but the setup cdrom answers Setup in {language}, so Setup stops at its language page",
                $"generate again with --guest-language {first} (keyboard and formats stay with --guest-locale)"),
            InstallerLanguage.Read => Finding.Warn(Check, "the installer ISO's sources/lang.ini names no language", "check that --iso is a Windows installer ISO"),
            InstallerLanguage.NoReader => Finding.Warn(Check, "7-Zip (7zz or 7z) is not on PATH, so the installer ISO's language was not read",
                "run doctor with 7-Zip on PATH, e.g. nix-shell -p _7zz --run 'nix-vfio-gen doctor'"),
            InstallerLanguage.Unreadable unreadable => Finding.Warn(Check, $"the installer ISO's language could not be read: {unreadable.Reason}",
                "check that --iso is a Windows installer ISO"),
            _ => null,
        };
    }
}
