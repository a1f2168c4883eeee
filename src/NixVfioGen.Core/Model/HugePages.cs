namespace NixVfioGen.Model;

/// <summary>Backing guest memory with huge pages, reserved at boot: fewer TLB misses, no host swapping.</summary>
public enum HugePages
{
    None,

    /// <summary>2 MiB pages, reserved by the vm.nr_hugepages sysctl.</summary>
    TwoMiB,

    /// <summary>1 GiB pages, reserved on the kernel command line (only possible at boot).</summary>
    OneGiB,
}

public static class HugePageSizes
{
    public static int MiB(this HugePages pages) => pages switch
    {
        HugePages.TwoMiB => 2,
        HugePages.OneGiB => 1024,
        _ => 0,
    };

    /// <summary>none, 2M or 1G as spelled in <see cref="EnumNames.HugePagesSpelling"/>, or 2MiB and 1GiB as --memory writes sizes; case-insensitive.</summary>
    public static HugePages Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "2mib" => HugePages.TwoMiB,
        "1gib" => HugePages.OneGiB,
        _ => EnumNames.HugePagesSpelling.Parse(text),
    };

    /// <summary>How many pages hold the guest's memory, or null when it is not a whole number of them.</summary>
    public static long? PagesFor(this HugePages pages, MemorySize memory) =>
        pages == HugePages.None || memory.MiB % pages.MiB() != 0 ? null : memory.MiB / pages.MiB();
}
