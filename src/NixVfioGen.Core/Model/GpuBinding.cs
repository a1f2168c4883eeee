namespace NixVfioGen.Model;

/// <summary>How vfio-pci is told which functions to take; binding by address always names at least one.</summary>
public abstract record GpuBinding
{
    private GpuBinding()
    {
    }

    /// <summary><c>options vfio-pci ids=…</c>: every device with those ids, which is what most setups want.</summary>
    public sealed record ByIds : GpuBinding;

    /// <summary>
    /// <c>driver_override</c> on exactly these functions, for when an identical device (a second card of
    /// the same model) must stay with the host.
    /// </summary>
    public sealed record ByAddress : GpuBinding
    {
        public ByAddress(IReadOnlyList<PciAddress> addresses)
        {
            Addresses = addresses.Count > 0 ? addresses : throw new ArgumentException("binding by address needs at least one address", nameof(addresses));
        }

        public IReadOnlyList<PciAddress> Addresses { get; }
    }

    public BindingMode Mode => this is ByAddress ? BindingMode.Address : BindingMode.Ids;
}
