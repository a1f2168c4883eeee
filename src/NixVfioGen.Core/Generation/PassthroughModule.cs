using NixVfioGen.Domain;
using NixVfioGen.Host;
using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using System.Security.Cryptography;
using System.Text;
using NixVfioGen.Shell;

namespace NixVfioGen.Generation;

/// <summary>The root command's output: the host module that also installs, and optionally defines, the domain.</summary>
public static class PassthroughModule
{
    /// <summary>Where the domain XML is installed: <c>/etc/nix-vfio-gen/NAME.xml</c>.</summary>
    public static string EtcPath(DomainName name) => $"nix-vfio-gen/{name}.xml";

    public static string XmlFileName(DomainName name) => $"{name}.xml";

    private static string DomainFileComment(DomainOptions domain, DefinePolicy define, string what) => define != DefinePolicy.ByHand
        ? what + (define == DefinePolicy.Always
            ? "; the service below creates its disk and defines it at boot and whenever this file changes."
            : "; the service below creates its disk and defines it at boot.")
        : what + "; create its disk and define it once with:\n" + string.Join("\n", FirstDefinitionCommands(domain));

    /// <summary>What a user runs once, as root, when the module does not define the domain itself.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="xmlFile">The domain file to define; the module's /etc copy when null.</param>
    public static IReadOnlyList<string> FirstDefinitionCommands(DomainOptions domain, string? xmlFile = null) =>
    [
        // A block device is the user's own disk: nothing is created on it.
        .. domain.DiskFormat == DiskFormat.BlockDevice
            ? Array.Empty<string>()
            : [$"qemu-img create -f {domain.DiskFormat.QemuName()} {ShellWords.QuoteIfNeeded(domain.Disk.Value)} {domain.DiskSize.QemuImgSize}"],
        LibvirtSystem.Virsh("define " + ShellWords.QuoteIfNeeded(xmlFile ?? "/etc/" + EtcPath(domain.Name))),
    ];

    /// <summary>The module text and the domain XML text it carries (identical to the domain command's output).</summary>
    public static (NixFile Module, string DomainXml) Build(HostOptions host, DomainOptions domain, DefinePolicy define, DomainFileSource source)
    {
        var xml = DomainXmlBuilder.Render(DomainXmlBuilder.Build(domain));
        var bindings = new List<NixBinding>
        {
            source == DomainFileSource.Embedded
                ? new NixBinding(["environment", "etc", EtcPath(domain.Name), "text"], new NixIndentedString(xml),
                    DomainFileComment(domain, define, "The " + domain.Name + " domain"))
                : new NixBinding(["environment", "etc", EtcPath(domain.Name), "source"], new NixPath(XmlFileName(domain.Name)),
                    DomainFileComment(domain, define, "The " + domain.Name + " domain, from the file beside this one")),
        };
        if (define != DefinePolicy.ByHand)
        {
            bindings.Add(DefineService(domain, define, xml));
        }
        var startVm = $"Start the VM with `{LibvirtSystem.Virsh("start " + domain.Name)}`"
            + (host.SingleGpu
                ? ": the host's desktop closes while it runs, and the GPU's own monitor shows the guest."
                : domain.LookingGlass is LookingGlass.Off ? "." : ", then run looking-glass-client.");
        var next = new ModuleContribution(bindings, [])
        {
            NextSteps = define != DefinePolicy.ByHand ? [startVm] : ["Create the VM's disk and define the VM once: the commands are beside the domain below.", startVm],
        };
        var contributions = new List<ModuleContribution> { next, HugePagesFeature.For(domain), Guest.SetupIsoFeature.For(domain) };
        if (VmHook.Needed(host, domain))
        {
            contributions.Add(VmHook.For(host, domain));
        }
        return (HostModuleBuilder.Build(host, contributions, domain), xml);
    }

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
                    $"\"$virsh\" -c {uri} define {ShellWords.Quote("/etc/" + EtcPath(domain.Name))}",
                }
                :
                [
                    $"if \"$virsh\" -c {uri} domuuid {ShellWords.Quote(name)} >/dev/null 2>&1; then",
                    $"  echo {ShellWords.Quote($"domain {name} exists; not redefining it")}",
                    "else",
                    $"  \"$virsh\" -c {uri} define {ShellWords.Quote("/etc/" + EtcPath(domain.Name))}",
                    "fi",
                ],
        ]);
        var always = policy == DefinePolicy.Always;
        return new NixBinding(["systemd", "services", DefineUnit(domain.Name)], Nix.Nix.Set(
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

    public static string DefineUnit(DomainName name) => $"nix-vfio-gen-define-{name}";
}
