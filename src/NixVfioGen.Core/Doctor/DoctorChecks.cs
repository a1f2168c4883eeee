using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>
/// The chain from firmware to a running VM, checked link by link against what the module was generated
/// for. Pure: the facts were read at the edge. Every finding that is not Ok names its fix.
/// </summary>
public static class DoctorChecks
{
    private const string Rebuild = "run sudo nixos-rebuild switch with the generated module imported, then reboot";

    private const string RebootFirst = "boot the generated configuration first (see kernel parameters above)";

    public static IReadOnlyList<Finding> Run(Expectation expected, HostFacts facts)
    {
        var commandLine = KernelCommandLine(expected, facts);
        // Until the machine runs the generated configuration, the later links share that one fix.
        var booted = commandLine.Verdict != Verdict.Fail;
        var findings = new List<Finding>
        {
            facts.Kvm
                ? Finding.Ok("kvm", "/dev/kvm exists")
                : Finding.Fail("kvm", "/dev/kvm is missing", "enable SVM (AMD) or VT-x (Intel) in the firmware setup, then boot again"),
            commandLine,
            Iommu(facts),
        };
        var functions = PassedFunctions(expected, facts);
        findings.AddRange(functions.Count == 0 ? [NoGpuFound(expected)] : functions.Select(function => Driver(expected, function, booted)));
        findings.AddRange(GroupIsolation(functions, facts));
        findings.AddRange(VendorReset(expected, functions, facts, booted));
        findings.AddRange(LookingGlass(expected, facts));
        findings.Add(UserGroups(expected, facts));
        findings.AddRange(Libvirt(expected, facts));
        findings.AddRange(Files(expected, facts));
        return findings.OfType<Finding>().ToArray();
    }

    private static Finding KernelCommandLine(Expectation expected, HostFacts facts)
    {
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
        ? Finding.Ok("iommu", $"on, {facts.Groups.Count} groups")
        : Finding.Fail("iommu", "off: /sys/kernel/iommu_groups is empty",
            "enable AMD-Vi/IOMMU (AMD) or VT-d (Intel) in the firmware setup; the kernel parameters are the module's part");

    // By address, exactly those functions; by ids, every function with one of the ids.
    private static IReadOnlyList<PciFunction> PassedFunctions(Expectation expected, HostFacts facts) =>
        facts.Bus.Where(function => expected.BindBy == BindingMode.Address || expected.Pci.Count > 0
                ? expected.Pci.Contains(function.Address)
                : function.Id is { } id && expected.Ids.Contains(id))
            .ToArray();

    private static Finding NoGpuFound(Expectation expected) => Finding.Fail("gpu",
        expected.Pci.Count > 0
            ? "none of " + string.Join(", ", expected.Pci) + " is on the PCI bus"
            : "no PCI function has the id " + string.Join(" or ", expected.Ids),
        "run nix-vfio-gen list-iommu --suggest and generate again with the ids and addresses it prints");

    private static Finding Driver(Expectation expected, PciFunction function, bool booted)
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
            _ => Finding.Fail(check, $"on {shown}, not vfio-pci: {shown} claimed it first",
                driver is "nvidia" or "nouveau"
                    ? "bind in the initrd (the default, --early-binding on) so vfio-pci loads before " + shown + ", rebuild, then reboot"
                    : "add softdep " + shown + " pre: vfio-pci (the module's extraModprobeConfig does this), rebuild, then reboot"),
        };
    }

    // A group goes to the VM whole: any other endpoint in it must be passed too or detached.
    private static IEnumerable<Finding> GroupIsolation(IReadOnlyList<PciFunction> functions, HostFacts facts)
    {
        var passed = functions.Select(function => function.Address).ToHashSet();
        foreach (var group in facts.Groups.Where(group => group.Functions.Any(function => passed.Contains(function.Address))).OrderBy(group => group.Number))
        {
            var others = group.Functions
                .Where(function => !passed.Contains(function.Address) && !function.IsPciBridge && !function.IsHostBridge)
                .ToArray();
            yield return others.Length == 0
                ? Finding.Ok($"iommu group {group.Number}", "holds only the passed functions")
                : Finding.Fail($"iommu group {group.Number}", "also holds " + string.Join(", ", others.Select(f => $"{f.Address} ({f.Driver ?? "no driver"})")),
                    "pass those functions too (--pci), or move the card to a slot with its own group");
        }
    }

    private static IEnumerable<Finding> VendorReset(Expectation expected, IReadOnlyList<PciFunction> functions, HostFacts facts, bool booted)
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

    private static IEnumerable<Finding> LookingGlass(Expectation expected, HostFacts facts)
    {
        switch (expected.LookingGlass)
        {
            case LookingGlassMode.Shm:
                const UnixFileMode GroupReadWrite = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
                yield return facts.SharedMemoryFileMode switch
                {
                    null => Finding.Fail("looking glass", "/dev/shm/looking-glass is missing",
                        "sudo systemd-tmpfiles --create (the module's rule makes it at every boot)"),
                    { } mode when (mode & GroupReadWrite) != GroupReadWrite => Finding.Fail("looking glass",
                        "/dev/shm/looking-glass is not group read-write; QEMU cannot map it",
                        "sudo rm /dev/shm/looking-glass && sudo systemd-tmpfiles --create"),
                    _ => Finding.Ok("looking glass", "/dev/shm/looking-glass exists, group read-write"),
                };
                break;
            case LookingGlassMode.Kvmfr:
                yield return facts.LoadedModules.Contains("kvmfr") && facts.KvmfrDevice
                    ? Finding.Ok("looking glass", "kvmfr loaded, /dev/kvmfr0 exists")
                    : Finding.Fail("looking glass", facts.LoadedModules.Contains("kvmfr") ? "/dev/kvmfr0 is missing" : "the kvmfr module is not loaded",
                        Rebuild + " (kvmfr is built for the running kernel)");
                break;
        }
    }

    private static Finding UserGroups(Expectation expected, HostFacts facts)
    {
        if (expected.User is not { } user)
        {
            return Finding.Warn("user", "no --user was given, so no one was added to libvirtd, kvm and qemu-libvirtd",
                "generate again with --user YOURNAME, or add those groups to your user's extraGroups");
        }
        if (facts.UserGroups is not { } groups)
        {
            return Finding.Warn("user", "/etc/group cannot be read", "run doctor on the host itself");
        }
        var missing = Host.Features.UsersFeature.Groups.Where(group => !groups.Contains(group)).ToArray();
        return missing.Length == 0
            ? Finding.Ok("user", $"{user.Value} is in {string.Join(", ", Host.Features.UsersFeature.Groups)}")
            : Finding.Fail("user", $"{user.Value} is not in {string.Join(", ", missing)}", Rebuild + "; then log out and in again");
    }

    private static IEnumerable<Finding> Libvirt(Expectation expected, HostFacts facts)
    {
        if (facts.Libvirt is LibvirtFacts.Unreachable unreachable)
        {
            yield return Finding.Fail("libvirt", unreachable.Reason,
                "check that the module is imported (it enables virtualisation.libvirtd), then: sudo systemctl start libvirtd");
            yield break;
        }
        var reachable = (LibvirtFacts.Reachable)facts.Libvirt;
        yield return reachable.Network switch
        {
            null => Finding.Fail("network", "the default network is not defined",
                "define a NAT network named default (virt-manager: Edit > Connection Details > Virtual Networks), then: sudo systemctl restart " + Host.Features.DefaultNetwork.Unit),
            { Active: false } => Finding.Fail("network", "the default network is not active", Host.LibvirtSystem.Virsh("net-start default")),
            { Autostart: false } => Finding.Warn("network", "the default network is active but does not start at boot", Host.LibvirtSystem.Virsh("net-autostart default")),
            _ => Finding.Ok("network", "default is active and starts at boot"),
        };
        if (expected.VmName is { } name)
        {
            yield return reachable.DomainState is { } state
                ? Finding.Ok("vm " + name.Value, "defined, " + state)
                : Finding.Fail("vm " + name.Value, "not defined",
                    Host.LibvirtSystem.Virsh("define /etc/" + Generation.PassthroughModule.EtcPath(name)) + " (or generate with --define so the module defines it at boot)");
        }
    }

    private static IEnumerable<Finding> Files(Expectation expected, HostFacts facts)
    {
        if (expected.Disk is { } disk)
        {
            yield return facts.ExistingPaths.Contains(disk)
                ? Finding.Ok("disk", disk + " exists")
                : Finding.Fail("disk", disk + " does not exist",
                    $"sudo qemu-img create -f qcow2 {Shell.ShellWords.QuoteIfNeeded(disk)} {expected.DiskSize ?? "128G"}");
        }
        foreach (var iso in expected.Isos)
        {
            yield return facts.ExistingPaths.Contains(iso)
                ? Finding.Ok("iso", iso + " exists")
                : Finding.Warn("iso", iso + " does not exist; the VM starts without it",
                    "download it to that path, or generate again with the path where it is");
        }
    }
}
