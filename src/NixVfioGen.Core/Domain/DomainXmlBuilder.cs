using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NixVfioGen.Installed;
using NixVfioGen.Model;

namespace NixVfioGen.Domain;

/// <summary>
/// Builds the libvirt domain for a Windows guest with a passed-through GPU and Looking Glass.
/// Firmware is chosen by libvirt's auto-selection, so no /nix/store path ever lands in the XML.
/// </summary>
public static class DomainXmlBuilder
{
    private static readonly XNamespace Qemu = "http://libvirt.org/schemas/domain/qemu/1.0";

    /// <summary>Hyper-V vendor id shown to the guest with --hide-kvm (at most 12 characters).</summary>
    public const string HypervVendorId = "nixvfiogen";

    /// <summary>The ivshmem memory backend's QEMU id in kvmfr mode.</summary>
    private const string KvmfrMemdev = "looking-glass";

    public static XDocument Build(DomainOptions options)
    {
        var domain = new XElement("domain", new XAttribute("type", "kvm"));
        if (options.LookingGlass is LookingGlass.KvmfrDevice)
        {
            domain.Add(new XAttribute(XNamespace.Xmlns + "qemu", Qemu.NamespaceName));
        }
        domain.Add(
            new XElement("name", options.Name.Value),
            // Stable across regenerations, so defining the file again updates the VM instead of failing.
            new XElement("uuid", (options.Uuid ?? DomainUuid.FromName(options.Name)).ToString()),
            new XElement("memory", new XAttribute("unit", "MiB"), options.Memory.MiB),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), options.Memory.MiB),
            MemoryBacking(options.HugePages),
            new XElement("vcpu", new XAttribute("placement", "static"), options.Vcpus.Count),
            options.Pinning is { } pinning ? new XElement("iothreads", 1) : null,
            options.Pinning is { } tune ? CpuTune(tune) : null,
            Os(options),
            Features(options),
            Cpu(options),
            Clock(),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            new XElement("pm",
                new XElement("suspend-to-mem", new XAttribute("enabled", "no")),
                new XElement("suspend-to-disk", new XAttribute("enabled", "no"))),
            Devices(options),
            options.LookingGlass is LookingGlass.KvmfrDevice kvmfr ? KvmfrCommandLine(kvmfr.Size) : null);
        return new XDocument(domain);
    }

    /// <summary>The document as text: two-space indentation, LF line ends, no XML declaration, final newline.</summary>
    public static string Render(XDocument document)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            OmitXmlDeclaration = true,
            Encoding = new UTF8Encoding(false),
        };
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, settings))
        {
            document.Save(writer);
        }
        return builder.Append('\n').ToString();
    }

    /// <summary>
    /// Firmware by libvirt's auto-selection: Secure Boot capable with an empty key store, which is
    /// what Windows 11 requires and what QEMU's own descriptors offer (NixOS 25.11+ shows libvirt no
    /// others, so asking for enrolled keys there fails at start: "Unable to find any firmware to
    /// satisfy 'efi'"). Microsoft's keys are an explicit loader at the module's stable /etc path.
    /// </summary>
    private static XElement Os(DomainOptions options)
    {
        var type = new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "q35"), "hvm");
        if (options.SecureBootKeys == SecureBootKeys.Microsoft)
        {
            return new XElement("os", type,
                new XElement("loader", new XAttribute("readonly", "yes"), new XAttribute("secure", "yes"), new XAttribute("type", "pflash"),
                    MicrosoftKeysFirmware.CodePath),
                new XElement("nvram", new XAttribute("template", MicrosoftKeysFirmware.VarsTemplatePath)));
        }
        return new XElement("os",
            new XAttribute("firmware", "efi"),
            type,
            new XElement("firmware",
                new XElement("feature", new XAttribute("enabled", "no"), new XAttribute("name", "enrolled-keys")),
                new XElement("feature", new XAttribute("enabled", Yes(options.SecureBoot)), new XAttribute("name", "secure-boot"))));
    }

    /// <summary>Huge pages of the size the module reserves at boot.</summary>
    private static XElement? MemoryBacking(HugePages pages) => pages == HugePages.None
        ? null
        : new XElement("memoryBacking", new XElement("hugepages",
            new XElement("page", new XAttribute("size", pages == HugePages.OneGiB ? 1 : 2), new XAttribute("unit", pages == HugePages.OneGiB ? "G" : "M"))));

    /// <summary>vCPU i on the i-th listed host CPU; the emulator and the disk's I/O thread on the others.</summary>
    private static XElement CpuTune(CpuPinning pinning) => new("cputune",
        pinning.Vcpus.Cpus.Select((cpu, vcpu) => new XElement("vcpupin", new XAttribute("vcpu", vcpu), new XAttribute("cpuset", cpu))),
        pinning.Emulator is { } emulator ? new XElement("emulatorpin", new XAttribute("cpuset", emulator.ToString())) : null,
        pinning.Emulator is { } io ? new XElement("iothreadpin", new XAttribute("iothread", 1), new XAttribute("cpuset", io.ToString())) : null);

    private static XElement Features(DomainOptions options)
    {
        // QEMU's docs/system/i386/hyperv.rst ("Recommendations") asks for every implemented enlightenment
        // except the debugging ones (syndbg, passthrough, enforce-cpuid), reset (modern Hyper-V does not
        // expose it) and crash (it stops Windows writing crash dumps). Per platform: evmcs "can (and should)
        // be enabled on Intel CPUs only" (nested: Hyper-V, VBS, WSL2; QEMU refuses it elsewhere);
        // reenlightenment needs TSC scaling or no migration, and this VM never migrates. Left out: avic
        // (only where the host has APICv/AVIC on, which the generator cannot know), and xmm_input, emsr_bitmap
        // and tlbflush's direct/extended, which libvirt accepts only from 9.1 (NEWS v9.1.0), newer than the
        // libvirt 9.0 whose schema and daemon check every generated domain here.
        var hyperv = new XElement("hyperv", new XAttribute("mode", "custom"),
            On("relaxed"),
            On("vapic"),
            new XElement("spinlocks", new XAttribute("state", "on"), new XAttribute("retries", 8191)),
            On("vpindex"),
            On("runtime"),
            On("synic"),
            new XElement("stimer", new XAttribute("state", "on"), On("direct")),
            options.HideKvm ? new XElement("vendor_id", new XAttribute("state", "on"), new XAttribute("value", HypervVendorId)) : null,
            On("frequencies"),
            On("reenlightenment"),
            On("tlbflush"),
            On("ipi"),
            options.Platform == Platform.Intel ? On("evmcs") : null);
        return new XElement("features",
            new XElement("acpi"),
            new XElement("apic"),
            hyperv,
            options.HideKvm ? new XElement("kvm", new XElement("hidden", new XAttribute("state", "on"))) : null,
            new XElement("vmport", new XAttribute("state", "off")),
            // Secure Boot firmware requires SMM (its descriptors list requires-smm); plain UEFI does not.
            options.SecureBoot ? new XElement("smm", new XAttribute("state", "on")) : null);
    }

    private static XElement Cpu(DomainOptions options) => new("cpu",
        new XAttribute("mode", "host-passthrough"),
        new XAttribute("check", "none"),
        // migratable="off": host-passthrough then keeps features that do not survive migration, above all
        // invtsc, which lets Windows use the TSC as its clock source (libvirt formatdomain "CPU model and
        // topology": migratable). This VM is never migrated.
        new XAttribute("migratable", "off"),
        new XElement("topology",
            new XAttribute("sockets", 1),
            new XAttribute("dies", 1),
            new XAttribute("cores", options.Vcpus.Cores),
            new XAttribute("threads", options.Vcpus.Threads)),
        // Without topoext, AMD guests see no SMT siblings and Windows schedules poorly.
        options.Platform == Platform.Amd && options.Vcpus.Threads > 1
            ? new XElement("feature", new XAttribute("policy", "require"), new XAttribute("name", "topoext"))
            : null);

    private static XElement Clock() => new("clock",
        new XAttribute("offset", "localtime"),
        Timer("rtc", new XAttribute("tickpolicy", "catchup")),
        Timer("pit", new XAttribute("tickpolicy", "delay")),
        Timer("hpet", new XAttribute("present", "no")),
        Timer("hypervclock", new XAttribute("present", "yes")));

    private static XElement Devices(DomainOptions options)
    {
        var devices = new XElement("devices",
            // The disk boots first, the installer second: while the disk is empty, the firmware falls through to the
            // installer; once Windows is on it, every later boot starts Windows instead of stopping at the
            // installer's "Press any key to boot from CD or DVD".
            Disk(options.Disk, options.DiskFormat, bootOrder: 1, ioThread: options.Pinning is not null),
            options.InstallerIso is { } iso ? Cdrom(iso, "sda", bootOrder: 2) : null,
            options.VirtioIso is { } virtio ? Cdrom(virtio, "sdb", bootOrder: null) : null,
            options.GuestSetup is not null ? Cdrom(Guest.SetupMedia.IsoPath(options.Name), "sdc", bootOrder: null) : null,
            new XElement("controller", new XAttribute("type", "usb"), new XAttribute("model", "qemu-xhci"), new XAttribute("ports", 15)));

        var placements = HostdevPlacement.Place(options.Pci);
        foreach (var bus in placements.Select(p => p.GuestBus).Distinct())
        {
            devices.Add(new XElement("controller",
                new XAttribute("type", "pci"), new XAttribute("index", bus), new XAttribute("model", "pcie-root-port")));
        }

        devices.Add(
            new XElement("interface", new XAttribute("type", "network"),
                new XElement("source", new XAttribute("network", "default")),
                new XElement("model", new XAttribute("type", "virtio"))),
            // Looking Glass sends keyboard and mouse through SPICE; the virtio devices replace the USB tablet.
            new XElement("input", new XAttribute("type", "keyboard"), new XAttribute("bus", "virtio")),
            new XElement("input", new XAttribute("type", "mouse"), new XAttribute("bus", "virtio")),
            InputDevices.Evdev(options.Evdev),
            new XElement("graphics", new XAttribute("type", "spice"), new XAttribute("autoport", "yes"),
                new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", "127.0.0.1")),
                new XElement("image", new XAttribute("compression", "off"))),
            new XElement("channel", new XAttribute("type", "spicevmc"),
                new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "com.redhat.spice.0"))),
            // The QEMU guest agent (installed by virtio-win's guest tools) lets libvirt shut down and query the guest.
            new XElement("channel", new XAttribute("type", "unix"),
                new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))),
            new XElement("sound", new XAttribute("model", "ich9"), new XElement("audio", new XAttribute("id", 1))),
            new XElement("audio", new XAttribute("id", 1), new XAttribute("type", "spice")),
            new XElement("video", new XElement("model", new XAttribute("type", options.Video == VideoModel.Vga ? "vga" : "none"))));

        if (placements.Count == 0)
        {
            // XML comments cannot contain "--", so the option is named without its dashes.
            devices.Add(new XComment(" No GPU is attached yet. Find its PCI addresses with: nix-vfio-gen list-iommu (or lspci -D), then generate again with them as the value of the pci option, comma-separated, e.g. 0000:23:00.0,0000:23:00.1 "));
        }
        devices.Add(placements.Select(placement => Hostdev(placement, InputDevices.Rom(options.Roms, placement.Host))));
        devices.Add(InputDevices.UsbHostdevs(options.Usb));
        devices.Add(IsWindows11(options)
            ? new XElement("tpm", new XAttribute("model", "tpm-crb"),
                new XElement("backend", new XAttribute("type", "emulator"), new XAttribute("version", "2.0")))
            : null);
        if (options.LookingGlass is LookingGlass.SharedMemoryFile file)
        {
            devices.Add(new XElement("shmem", new XAttribute("name", "looking-glass"),
                new XElement("model", new XAttribute("type", "ivshmem-plain")),
                new XElement("size", new XAttribute("unit", "M"), file.Size.MiB)));
        }
        // Ballooning fights a pinned, passed-through guest; Looking Glass recommends turning it off.
        devices.Add(new XElement("memballoon", new XAttribute("model", options.LookingGlass is LookingGlass.Off ? "virtio" : "none")));
        return devices;
    }

    // A block device is handed over as it is (type="block", source dev); an image file by its format.
    private static XElement Disk(HostPath path, DiskFormat format, int bootOrder, bool ioThread) => new("disk",
        new XAttribute("type", format == DiskFormat.BlockDevice ? "block" : "file"), new XAttribute("device", "disk"),
        new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format.QemuName()),
            new XAttribute("cache", "none"), format == DiskFormat.BlockDevice ? new XAttribute("io", "native") : null, new XAttribute("discard", "unmap"),
            ioThread ? new XAttribute("iothread", 1) : null),
        new XElement("source", new XAttribute(format == DiskFormat.BlockDevice ? "dev" : "file", path.Value)),
        new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio")),
        new XElement("boot", new XAttribute("order", bootOrder)));

    private static XElement Cdrom(HostPath path, string target, int? bootOrder) => new("disk",
        new XAttribute("type", "file"), new XAttribute("device", "cdrom"),
        new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
        new XElement("source", new XAttribute("file", path.Value)),
        new XElement("target", new XAttribute("dev", target), new XAttribute("bus", "sata")),
        new XElement("readonly"),
        bootOrder is { } order ? new XElement("boot", new XAttribute("order", order)) : null);

    private static XElement Hostdev(HostdevPlacement placement, XElement? rom) => new("hostdev",
        new XAttribute("mode", "subsystem"), new XAttribute("type", "pci"), new XAttribute("managed", "yes"),
        new XElement("source", PciAddressElement(placement.Host.Domain, placement.Host.Bus, placement.Host.Slot, placement.Host.Function, false, typed: false)),
        rom,
        PciAddressElement(0, placement.GuestBus, 0, placement.GuestFunction, placement.Multifunction, typed: true));

    private static XElement PciAddressElement(int domain, int bus, int slot, int function, bool multifunction, bool typed) => new("address",
        typed ? new XAttribute("type", "pci") : null,
        new XAttribute("domain", Hex(domain, 4)),
        new XAttribute("bus", Hex(bus, 2)),
        new XAttribute("slot", Hex(slot, 2)),
        new XAttribute("function", Hex(function, 1)),
        multifunction ? new XAttribute("multifunction", "on") : null);

    /// <summary>Looking Glass B7's kvmfr form: an ivshmem-plain device on a memory backend file /dev/kvmfr0.</summary>
    private static XElement KvmfrCommandLine(ShmemSize size) => new(Qemu + "commandline",
        Arg("-device"),
        Arg($"{{'driver':'ivshmem-plain','id':'shmem0','memdev':'{KvmfrMemdev}'}}"),
        Arg("-object"),
        Arg($"{{'qom-type':'memory-backend-file','id':'{KvmfrMemdev}','mem-path':'/dev/kvmfr0','size':{size.Bytes.ToString(CultureInfo.InvariantCulture)},'share':true}}"));

    private static XElement Arg(string value) => new(Qemu + "arg", new XAttribute("value", value));

    private static XElement On(string feature) => new(feature, new XAttribute("state", "on"));

    private static XElement Timer(string name, XAttribute setting) => new("timer", new XAttribute("name", name), setting);

    private static bool IsWindows11(DomainOptions options) => options.Windows == WindowsVersion.Windows11;

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Hex(int value, int digits) => "0x" + value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
