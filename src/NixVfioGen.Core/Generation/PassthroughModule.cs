using NixVfioGen.Domain;
using NixVfioGen.Host;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Generation;

/// <summary>The root command's output: the host module that also installs, and optionally defines, the domain.</summary>
public static class PassthroughModule
{
    /// <summary>Where the domain XML is installed: <c>/etc/nix-vfio-gen/NAME.xml</c>.</summary>
    public static string EtcPath(DomainName name) => $"nix-vfio-gen/{name}.xml";

    public static string XmlFileName(DomainName name) => $"{name}.xml";

    /// <summary>The module text and the domain XML text it carries (identical to the domain command's output).</summary>
    public static (NixFile Module, string DomainXml) Build(HostOptions host, DomainOptions domain, bool define, DomainFileSource source)
    {
        var xml = DomainXmlBuilder.Render(DomainXmlBuilder.Build(domain));
        var bindings = new List<NixBinding>
        {
            source == DomainFileSource.Embedded
                ? new NixBinding(["environment", "etc", EtcPath(domain.Name), "text"], new NixIndentedString(xml),
                    $"The {domain.Name} domain; define it once with: virsh define /etc/{EtcPath(domain.Name)}")
                : new NixBinding(["environment", "etc", EtcPath(domain.Name), "source"], new NixPath(XmlFileName(domain.Name)),
                    $"The {domain.Name} domain, from the file beside this one; define it once with: virsh define /etc/{EtcPath(domain.Name)}"),
        };
        if (define)
        {
            bindings.Add(DefineService(domain.Name));
        }
        return (HostModuleBuilder.Build(host, bindings), xml);
    }

    /// <summary>
    /// A oneshot unit that defines the domain only when libvirt has none of that name, so a VM the
    /// user has edited since is never overwritten, and nothing is ever undefined.
    /// </summary>
    private static NixBinding DefineService(DomainName name)
    {
        var script = string.Join('\n',
            $"if ! virsh --connect qemu:///system domuuid '{name}' >/dev/null 2>&1; then",
            $"  virsh --connect qemu:///system define /etc/{EtcPath(name)}",
            "fi",
            "");
        return new NixBinding(["systemd", "services", $"nix-vfio-gen-define-{name}"], new NixAttrSet(
        [
            NixBinding.Of("description", new NixString($"Define the {name} libvirt domain unless it exists")),
            NixBinding.Of("after", new NixList([new NixString("libvirtd.service")])),
            NixBinding.Of("requires", new NixList([new NixString("libvirtd.service")])),
            NixBinding.Of("wantedBy", new NixList([new NixString("multi-user.target")])),
            NixBinding.Of("path", new NixList([NixReference.Of("config.virtualisation.libvirtd.package")])),
            NixBinding.Of("serviceConfig", new NixAttrSet(
            [
                NixBinding.Of("Type", new NixString("oneshot")),
                NixBinding.Of("RemainAfterExit", new NixBool(true)),
            ])),
            NixBinding.Of("script", new NixIndentedString(script)),
        ]), "Defines the domain at boot only if libvirt has none by that name: later edits to the VM are kept.");
    }
}
