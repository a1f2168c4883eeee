using System.Xml.Linq;
using NixVfioGen.Domain;
using NixVfioGen.Model;
using NixVfioGen.Tests.Domain;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>
/// The disk boots first and the installer second. Started by the real daemon with OVMF (TCG), with the
/// domain's serial port written to a file: OVMF's boot manager logs each boot option it tries there
/// ("BdsDxe: failed to load Boot0001 ..."), so the log shows the order the firmware really used. What this
/// proves: OVMF tries the empty virtio disk first, finds nothing on it, and goes on to the installer cdrom.
/// What it does not: that Windows' own loader then starts (the test ISO holds no EFI loader; OVMF logs
/// "Not Found" for it, after the disk).
/// </summary>
public sealed class BootOrderTests(LibvirtSession session) : IClassFixture<LibvirtSession>
{
    [Fact]
    public void An_empty_virtio_disk_falls_through_to_the_installer_cdrom()
    {
        Assert.True(session.Missing is null, session.Missing);
        var options = DomainOptions.Defaults(DomainCases.Rx480) with
        {
            Name = DomainName.Parse("boot-order"),
            InstallerIso = HostPath.Parse("/var/lib/libvirt/images/Win11.iso"),
            LookingGlass = new LookingGlass.Off(),
            // Small, so that OVMF under TCG on this machine reaches its boot manager quickly.
            Memory = MemorySize.Parse("2GiB"),
            Vcpus = VcpuCount.Of(1),
            Platform = Platform.Amd,
        };
        var generated = DomainXmlBuilder.Build(options);
        var order = generated.Descendants("disk").ToDictionary(d => (string)d.Attribute("device")!, d => (string?)d.Element("boot")?.Attribute("order"));
        Assert.Equal(("1", "2"), (order["disk"], order["cdrom"]));

        var document = XDocument.Parse(TcgAdaptation.Adapt(DomainXmlBuilder.Render(generated), session));
        // A real (not bootable) ISO in the installer's place, and the serial console into a file.
        using var directory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, "root"));
        File.WriteAllText(Path.Combine(directory.Path, "root", "README.TXT"), "installer stand-in\n");
        var iso = Path.Combine(session.Root, "images", "boot-order-installer.iso");
        var made = ExternalTool.Run("xorriso", ["-as", "mkisofs", "-quiet", "-o", iso, Path.Combine(directory.Path, "root")]);
        Assert.True(made.ExitCode == 0, made.Stderr);
        session.Own(iso);
        document.Descendants("disk").Single(d => (string?)d.Attribute("device") == "cdrom").Element("source")!.SetAttributeValue("file", iso);
        // The start tests' daemon allocates SPICE ports from 5900 too, unaware of this one: a free port of its own.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var graphics = document.Descendants("graphics").Single();
        graphics.SetAttributeValue("autoport", "no");
        graphics.SetAttributeValue("port", port);
        var serial = Path.Combine(session.Root, "images", "boot-order-serial.log");
        document.Root!.Element("devices")!.Add(new XElement("serial", new XAttribute("type", "file"),
            new XElement("source", new XAttribute("path", serial)), new XElement("target", new XAttribute("port", 0))));

        var define = session.Virsh("define", session.UserFile("boot-order.xml", document.ToString()));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var start = session.Virsh("start", "boot-order");
            Assert.True(start.ExitCode == 0, "start failed: " + start.Stderr);
            // TCG is slow: OVMF reaches its boot manager within a minute or two on this machine.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            string[] tried = [];
            while (DateTime.UtcNow < deadline && !tried.Any(line => line.Contains("DVD-ROM", StringComparison.Ordinal)))
            {
                Thread.Sleep(2000);
                tried = File.Exists(serial)
                    ? File.ReadAllText(serial).Split('\n').Where(line => line.Contains("BdsDxe:", StringComparison.Ordinal)).ToArray()
                    : [];
            }
            Assert.True(tried.Any(line => line.Contains("DVD-ROM", StringComparison.Ordinal)), "OVMF never tried the cdrom; serial console:\n"
                + (File.Exists(serial) ? File.ReadAllText(serial) : "(no file)") + "\nlive XML:\n" + session.Virsh("dumpxml", "boot-order").Stdout);
            // First the virtio disk (OVMF names a virtio-blk device "UEFI Misc Device"), empty, then the cdrom.
            Assert.Contains("failed to load", tried[0]);
            Assert.Contains("Misc Device", tried[0]);
            Assert.Contains("DVD-ROM", tried[1]);
        }
        finally
        {
            session.Virsh("destroy", "boot-order");
            session.Virsh("undefine", "boot-order", "--nvram");
        }
    }
}
