using System.Globalization;
using System.Xml.Linq;
using NixVfioGen.Installed;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>
/// Turns a generated domain into one this machine can start, changing only what the machine lacks:
/// no /dev/kvm (TCG: type="qemu", and QEMU 7.2 under TCG refuses Hyper-V enlightenments, KVM
/// features and host-passthrough, which the schema test still checks), no GPU (hostdevs removed),
/// no system network (user-mode NIC, same virtio model), no /dev/kvmfr0 (a file of the same size),
/// this machine's Microsoft-enrolled images for those the NixOS module links under /etc (TestTools),
/// and a shared memory name private to the test run.
/// Firmware selection, SMM, TPM, shmem, SPICE, video, inputs, channels and root ports stay as generated.
/// </summary>
internal static class TcgAdaptation
{
    private static readonly XNamespace Qemu = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static string LocalFirmware(string linked)
    {
        var (code, vars) = TestTools.MicrosoftKeysFirmware
            ?? throw new InvalidOperationException("no OVMF images with Microsoft's keys: run ./test.sh (it installs Debian's ovmf) or set NIX_VFIO_GEN_OVMF_DIR");
        return linked == MicrosoftKeysFirmware.CodePath ? code
            : linked == MicrosoftKeysFirmware.VarsTemplatePath ? vars
            : throw new InvalidOperationException($"{linked} is not one of the module's firmware links");
    }

    public static string Adapt(string xml, LibvirtSession session)
    {
        var document = XDocument.Parse(xml);
        var domain = document.Root!;
        domain.SetAttributeValue("type", "qemu");
        domain.Element("features")?.Element("hyperv")?.Remove();
        domain.Element("features")?.Element("kvm")?.Remove();
        domain.Element("cpu")?.Remove();
        var devices = domain.Element("devices")!;
        // The GPU's functions go; USB hostdevs stay (startupPolicy optional: a missing device is skipped by libvirt).
        devices.Elements("hostdev").Where(hostdev => (string?)hostdev.Attribute("type") == "pci").Remove();

        var name = domain.Element("name")!.Value;
        foreach (var disk in devices.Elements("disk").ToArray())
        {
            var source = disk.Element("source")!;
            if ((string?)disk.Attribute("device") == "disk")
            {
                var format = (string)disk.Element("driver")!.Attribute("type")!;
                var image = Path.Combine(session.Root, "images", name + "." + format);
                var created = ExternalTool.Run("qemu-img", ["create", "-f", format, image, "1G"]);
                Assert.True(created.ExitCode == 0, "qemu-img create failed: " + created.Stderr);
                session.Own(image);
                source.SetAttributeValue("file", image);
            }
            else
            {
                source.SetAttributeValue("file", session.UserFile(name + "-" + (string?)disk.Element("target")!.Attribute("dev") + ".iso", ""));
            }
        }

        // A private shared memory file per test run (see LibvirtSession.ShmemName), never the user's looking-glass.
        foreach (var shmem in devices.Elements("shmem"))
        {
            shmem.SetAttributeValue("name", session.ShmemName);
        }

        foreach (var nic in devices.Elements("interface"))
        {
            nic.SetAttributeValue("type", "user");
            nic.Element("source")?.Remove();
        }

        foreach (var argument in domain.Descendants(Qemu + "arg"))
        {
            var value = (string)argument.Attribute("value")!;
            if (value.Contains("'mem-path':'/dev/kvmfr0'", StringComparison.Ordinal))
            {
                var backing = Path.Combine(session.Root, "images", name + "-kvmfr0");
                using (var file = File.Create(backing))
                {
                    file.SetLength(SizeOf(value));
                }
                session.Own(backing);
                argument.SetAttributeValue("value", value.Replace("/dev/kvmfr0", backing, StringComparison.Ordinal));
            }
        }

        var os = domain.Element("os")!;
        foreach (var element in new[] { os.Element("loader") }.OfType<XElement>())
        {
            element.Value = LocalFirmware(element.Value);
        }
        if (os.Element("nvram") is { } nvram && nvram.Attribute("template") is { } template)
        {
            template.Value = LocalFirmware(template.Value);
        }
        return document.ToString();
    }

    private static long SizeOf(string memoryBackend)
    {
        const string key = "'size':";
        var start = memoryBackend.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var digits = memoryBackend[start..].TakeWhile(char.IsAsciiDigit).ToArray();
        return long.Parse(new string(digits), CultureInfo.InvariantCulture);
    }
}
