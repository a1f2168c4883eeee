namespace NixVfioGen.Model;

/// <summary>How vfio-pci is told which functions to take.</summary>
public enum BindingMode
{
    /// <summary><c>options vfio-pci ids=…</c>: every device with those ids, which is what most setups want.</summary>
    Ids,

    /// <summary>
    /// <c>driver_override</c> on exactly the given addresses, for when an identical device (a second
    /// card of the same model) must stay with the host.
    /// </summary>
    Address,
}
