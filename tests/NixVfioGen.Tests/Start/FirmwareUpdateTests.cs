using System.Xml.Linq;
using NixVfioGen.Domain;
using NixVfioGen.Model;
using NixVfioGen.Tests.Domain;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>
/// Does a defined VM start again after QEMU is updated and the old one garbage-collected? libvirt from 9.2
/// resolves <c>&lt;os firmware="efi"&gt;</c> when the domain is defined and keeps the chosen loader and NVRAM
/// template paths in its persistent XML (the 9.2 firmware rework, libvirt gitlab issue #500); on NixOS those
/// are the paths QEMU's descriptors name. Debian's libvirt 9.0 here resolves only at start, so the test
/// reproduces the recording: it starts the domain once, copies the paths libvirt chose into the persistent
/// definition, then updates "QEMU" (new store directory, old one deleted), restarts the daemon and starts
/// again. With descriptors naming stable links, as nixpkgs' libvirtd module serves them from NixOS 25.11
/// (qemuOvmfMetadata rewrites them to /run/libvirt/nix-ovmf/, re-linked at each libvirtd start), the VM
/// starts; with descriptors naming the store itself (nixpkgs#378894, NixOS 24.11) it does not.
/// </summary>
public sealed class FirmwareUpdateTests
{
    private static readonly string[] Images = ["OVMF_CODE_4M.secboot.fd", "OVMF_VARS_4M.fd", "OVMF_CODE_4M.fd"];

    private static readonly string[] Descriptors = ["50-edk2-x86_64-secure.json", "60-edk2-x86_64.json"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_defined_domain_starts_again_after_a_qemu_update_and_garbage_collection_only_through_stable_links(bool stableLinks)
    {
        using var session = new LibvirtSession();
        Assert.True(session.Missing is null, session.Missing);
        string Store(string version) => Path.Combine(session.Root, "store", $"qemu-{version}", "share", "qemu");
        var links = Path.Combine(session.Root, "run", "nix-ovmf");
        void Install(string version)
        {
            Directory.CreateDirectory(Store(version));
            Directory.CreateDirectory(links);
            foreach (var image in Images)
            {
                File.Copy(Path.Combine("/usr/share/OVMF", image), Path.Combine(Store(version), image));
                File.Delete(Path.Combine(links, image));
                File.CreateSymbolicLink(Path.Combine(links, image), Path.Combine(Store(version), image));
            }
            // QEMU's own descriptors, as the libvirt module installs them: naming the links, or the store.
            foreach (var descriptor in Descriptors)
            {
                var text = File.ReadAllText(Path.Combine("/usr/share/qemu/firmware", descriptor))
                    .Replace("/usr/share/OVMF/", (stableLinks ? links : Store(version)) + "/", StringComparison.Ordinal);
                session.UserFile(Path.Combine("..", "config", "qemu", "firmware", descriptor), text);
            }
        }

        Install("7.2");
        session.Restart();
        var options = DomainOptions.Defaults(DomainCases.Rx480) with
        {
            Name = DomainName.Parse("firmware-" + (stableLinks ? "links" : "store")),
            LookingGlass = new LookingGlass.Off(),
            Platform = Platform.Amd,
        };
        var name = options.Name.Value;
        var define = session.Virsh("define", session.UserFile(name + ".xml", TcgAdaptation.Adapt(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)), session)));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var first = session.Virsh("start", name);
            Assert.True(first.ExitCode == 0, "first start failed: " + first.Stderr);
            var chosen = XDocument.Parse(session.Virsh("dumpxml", name).Stdout).Root!.Element("os")!;
            var loader = chosen.Element("loader")!;
            Assert.StartsWith(stableLinks ? links : Store("7.2"), loader.Value, StringComparison.Ordinal);
            session.Virsh("destroy", name);

            // What libvirt 9.2+ keeps in the persistent XML: the chosen loader and NVRAM template.
            var persistent = XDocument.Parse(session.Virsh("dumpxml", "--inactive", name).Stdout);
            var os = persistent.Root!.Element("os")!;
            os.Attribute("firmware")?.Remove();
            os.Element("firmware")?.Remove();
            os.Element("loader")?.Remove();
            os.Element("nvram")?.Remove();
            os.Add(new XElement(loader), new XElement(chosen.Element("nvram")!));
            Assert.True(session.Virsh("define", session.UserFile(name + "-recorded.xml", persistent.ToString())).ExitCode == 0);

            // A QEMU update and a garbage collection: the new firmware elsewhere, the old store path gone.
            Install("8.0");
            Directory.Delete(Path.Combine(session.Root, "store", "qemu-7.2"), recursive: true);
            session.Restart();

            var again = session.Virsh("start", name);
            if (stableLinks)
            {
                Assert.True(again.ExitCode == 0, "start after the update failed: " + again.Stderr);
                Assert.Equal("running", session.Virsh("domstate", name).Stdout.Trim());
            }
            else
            {
                Assert.NotEqual(0, again.ExitCode);
                Assert.Contains("qemu-7.2", again.Stderr);
            }
        }
        finally
        {
            session.Virsh("destroy", name);
            session.Virsh("undefine", name, "--nvram");
        }
    }
}
