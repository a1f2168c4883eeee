namespace NixVfioGen.Model;

/// <summary>
/// What Windows 11 setup refuses to install on less of (Microsoft, "Windows 11 system requirements":
/// 4 GB of RAM, a processor with 2 or more cores): the generator warns below them, and list-iommu
/// suggests nothing below them.
/// </summary>
public static class Windows11Requirements
{
    public static MemorySize Memory { get; } = MemorySize.Parse("4GiB");

    public const int Processors = 2;
}
