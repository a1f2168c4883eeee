namespace NixVfioGen.Model;

/// <summary>Whether the module works around GPUs that cannot reset after a guest shuts down.</summary>
public enum ResetQuirk
{
    /// <summary>vendor-reset for the ids it lists; nothing for others.</summary>
    Auto,

    Off,
}
