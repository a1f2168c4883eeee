using NixVfioGen.Model;

namespace NixVfioGen.Domain;

/// <summary>Where one passed-through host function appears in the guest.</summary>
public sealed record HostdevPlacement(PciAddress Host, int GuestBus, int GuestFunction, bool Multifunction)
{
    /// <summary>
    /// The lowest free controller index (0 is pcie-root). libvirt fills every index below a declared
    /// one with an empty root port (index 16 gave 15 unused ports), and places its own devices on
    /// new ports after the last declared index, so starting at 1 leaves no gaps.
    /// </summary>
    public const int FirstGuestBus = 1;

    /// <summary>
    /// Groups functions by physical slot, as on real hardware: each slot gets its own root port, its
    /// functions keep their order as functions 0, 1, …, and function 0 carries multifunction="on"
    /// when the slot has more than one.
    /// </summary>
    public static IReadOnlyList<HostdevPlacement> Place(IReadOnlyList<PciAddress> functions) =>
        functions
            .GroupBy(address => address.SlotAddress)
            .OrderBy(slot => slot.Key)
            .SelectMany((slot, slotIndex) =>
            {
                var members = slot.OrderBy(address => address).ToArray();
                return members.Select((address, index) =>
                    new HostdevPlacement(address, FirstGuestBus + slotIndex, index, index == 0 && members.Length > 1));
            })
            .ToArray();
}
