using System.Security.Cryptography;
using System.Text;
using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The domain XML under /etc (inside the module, or from the file beside it) and, with --define, the
/// unit that creates the disk and defines the domain; the header says how to start the VM.
/// </summary>
public static class DomainFileFeature
{
    public static ModuleContribution For(HostOptions host, ModuleDomain? carried)
    {
        if (carried is null)
        {
            return ModuleContribution.None;
        }
        var (domain, define) = (carried.Options, carried.Define);
        var etc = InstalledFiles.Domain(domain.Name).Key;
        var bindings = new List<NixBinding>
        {
            carried.Source == DomainFileSource.Embedded
                ? new NixBinding(["environment", "etc", etc, "text"], new NixIndentedString(carried.Xml),
                    Comment(domain, define, "The " + domain.Name + " domain"))
                : new NixBinding(["environment", "etc", etc, "source"], new NixPath(XmlFileName(domain.Name)),
                    Comment(domain, define, "The " + domain.Name + " domain, from the file beside this one")),
        };
        if (define != DefinePolicy.ByHand)
        {
            bindings.Add(DefineService(domain, define, carried.Xml));
        }
        var startVm = $"Start the VM with `{LibvirtSystem.Virsh("start " + domain.Name)}`"
            + (host.SingleGpu
                ? ": the host's desktop closes while it runs, and the GPU's own monitor shows the guest."
                : domain.LookingGlass is LookingGlass.Off ? "." : ", then run looking-glass-client.");
        return new ModuleContribution(bindings, [])
        {
            NextSteps = define != DefinePolicy.ByHand ? [startVm] : ["Create the VM's disk and define the VM once: the commands are beside the domain below.", startVm],
        };
    }

    /// <summary>The name of the XML file written beside the module (--out-dir).</summary>
    public static string XmlFileName(DomainName name) => $"{name}.xml";

    private static string Comment(DomainOptions domain, DefinePolicy define, string what) => define != DefinePolicy.ByHand
        ? what + (define == DefinePolicy.Always
            ? "; the service below creates its disk and defines it at boot and whenever this file changes."
            : "; the service below creates its disk and defines it at boot.")
        : what + "; create its disk and define it once with:\n" + string.Join("\n", FirstDefinition.Commands(domain));

    /// <summary>
    /// A oneshot unit that creates the system disk when it is missing and defines the domain only when
    /// libvirt has none of that name: an existing disk is never touched, a VM the user has edited since
    /// is never overwritten, and nothing is ever undefined.
    /// </summary>
    private static NixBinding DefineService(DomainOptions domain, DefinePolicy policy, string xml)
    {
        var name = domain.Name.Value;
        var disk = domain.Disk.Value;
        var directory = Path.GetDirectoryName(disk) ?? "/";
        var uri = LibvirtSystem.Uri;
        // A block device is never created, so its script names neither qemu-img nor mkdir (an unused tool is SC2034).
        var block = domain.DiskFormat == DiskFormat.BlockDevice;
        var script = ShellScript.Build(block ? [ShellTool.Virsh] : [ShellTool.Virsh, ShellTool.QemuImg, ShellTool.Mkdir],
        [
            $"disk={ShellWords.Quote(disk)}",
            "if [ -e \"$disk\" ]; then",
            "  echo \"disk $disk exists; left as it is\"",
            .. block
                ? new[] { "else", "  echo \"block device $disk is missing; the VM will not start until it is there\"" }
                :
                [
                    "else",
                    $"  \"$mkdir\" -p {ShellWords.Quote(directory)}",
                    $"  \"$qemu_img\" create -f {domain.DiskFormat.QemuName()} \"$disk\" {domain.DiskSize.QemuImgSize}",
                    $"  echo \"created $disk ({domain.DiskSize})\"",
                ],
            "fi",
            .. policy == DefinePolicy.Always
                ? new[]
                {
                    // Same UUID, so libvirt updates the domain in place and keeps its NVRAM and TPM state.
                    $"\"$virsh\" -c {uri} define {ShellWords.Quote(InstalledFiles.Domain(domain.Name).Path)}",
                }
                :
                [
                    $"if \"$virsh\" -c {uri} domuuid {ShellWords.Quote(name)} >/dev/null 2>&1; then",
                    $"  echo {ShellWords.Quote($"domain {name} exists; not redefining it")}",
                    "else",
                    $"  \"$virsh\" -c {uri} define {ShellWords.Quote(InstalledFiles.Domain(domain.Name).Path)}",
                    "fi",
                ],
        ]);
        var always = policy == DefinePolicy.Always;
        return new NixBinding(["systemd", "services", InstalledUnits.Define(domain.Name)], Nix.Nix.Set(
            Nix.Nix.Bind("description", always
                ? $"Create the disk unless it exists and define the {name} libvirt domain from its file"
                : $"Create the disk and define the {name} libvirt domain unless they exist"),
            Nix.Nix.Bind("after", Nix.Nix.Strings(["libvirtd.service"])),
            Nix.Nix.Bind("requires", Nix.Nix.Strings(["libvirtd.service"])),
            Nix.Nix.Bind("wantedBy", Nix.Nix.Strings(["multi-user.target"])),
            // A changed XML changes the unit, which NixOS then runs again on switch.
            always ? Nix.Nix.Bind("restartTriggers", Nix.Nix.Strings([Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)))])) : null,
            Nix.Nix.Bind("serviceConfig", Nix.Nix.Set(Nix.Nix.Bind("Type", "oneshot"), Nix.Nix.Bind("RemainAfterExit", true))),
            Nix.Nix.Bind("script", script)),
            always
                ? "At boot and whenever the domain file changes: creates the disk if missing and defines the domain from the file (edits made in virt-manager are replaced; nothing is undefined)."
                : "At boot: creates the disk if missing and defines the domain only if libvirt has none by that name; later edits to the VM are kept.");
    }
}
