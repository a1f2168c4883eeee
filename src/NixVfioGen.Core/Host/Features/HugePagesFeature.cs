using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The guest's memory reserved as huge pages at boot (kernel-parameters.txt: hugepagesz, hugepages;
/// 1 GiB pages only on the command line). That memory is gone from the host whether the VM runs or not.
/// </summary>
public static class HugePagesFeature
{
    public static ModuleContribution For(HostOptions host, ModuleDomain? carried)
    {
        if (carried?.Options is not { } domain || domain.HugePages.PagesFor(domain.Memory) is not { } pages)
        {
            return ModuleContribution.None;
        }
        var why = $"{domain.Memory} for {domain.Name} as huge pages, reserved at boot: the host loses this memory even while the VM is off.";
        return domain.HugePages == HugePages.OneGiB
            ? new[] { Bind("boot.kernelParams", Strings(["default_hugepagesz=1G", "hugepagesz=1G", $"hugepages={pages}"]), why) }
            : new[] { new NixBinding(["boot", "kernel", "sysctl", "vm.nr_hugepages"], new NixInt(pages), why) };
    }
}
