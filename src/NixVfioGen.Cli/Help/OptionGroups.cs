using System.CommandLine;

namespace NixVfioGen.Cli.Help;

/// <summary>
/// The headings the generating commands' --help shows, essentials first, and the options under each:
/// data, so a new option slots in by adding its name here (a name ending in '*' takes every option
/// it starts). An option no heading names still shows, under <see cref="Unsorted"/>.
/// </summary>
internal static class OptionGroups
{
    public const string Unsorted = "Other options";

    public static IReadOnlyList<(string Heading, IReadOnlyList<string> Names)> Table { get; } =
    [
        ("Essential options", ["--ids", "--pci", "--user", "--platform", "--iso", "--output"]),
        ("The virtual machine", ["--vm-name", "--windows", "--memory", "--vcpus", "--disk", "--disk-size", "--virtio-iso", "--video", "--hide-kvm", "--uuid", "--secure-boot-keys"]),
        ("Unattended Windows install", ["--guest-setup", "--guest-*"]),
        ("Looking Glass", ["--looking-glass", "--resolution", "--shmem-size"]),
        ("GPU binding on the host", ["--bind-by", "--bind-at", "--single-gpu", "--early-binding", "--reset-quirk", "--ignore-msrs", "--nixos"]),
        ("Single GPU: keyboard, mouse and vBIOS", ["--evdev", "--usb", "--rom"]),
        ("Tuning", ["--vcpu-pin", "--emulator-pin", "--hugepages", "--isolate"]),
        ("Output", ["--out-dir", "--define", "--redefine", "--formatter"]),
        ("General", ["--help", "--version"]),
    ];

    /// <summary>Only the commands that generate files have options enough to group; list-iommu and doctor keep one list.</summary>
    public static bool AppliesTo(Command command) => command is RootCommand || command.Name is "module" or "domain";

    /// <summary>The option names under each heading, in the table's order; headings with none are left out.</summary>
    public static IReadOnlyList<(string Heading, IReadOnlyList<string> Names)> Sort(IEnumerable<string> options)
    {
        var remaining = options.ToList();
        var groups = new List<(string, IReadOnlyList<string>)>();
        foreach (var (heading, names) in Table)
        {
            var taken = names.SelectMany(name => remaining.Where(option => Matches(option, name))).Distinct().ToArray();
            remaining.RemoveAll(taken.Contains);
            if (taken.Length > 0)
            {
                groups.Add((heading, taken));
            }
        }
        if (remaining.Count > 0)
        {
            groups.Insert(groups.Count - (groups.LastOrDefault().Item1 == "General" ? 1 : 0), (Unsorted, remaining));
        }
        return groups;
    }

    private static bool Matches(string option, string name) =>
        name.EndsWith('*') ? option.StartsWith(name[..^1], StringComparison.Ordinal) : option == name;
}
