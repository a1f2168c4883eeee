namespace NixVfioGen.Model;

/// <summary>The emulated display adapter beside the passed-through GPU.</summary>
public enum VideoModel
{
    /// <summary>A plain VGA adapter; Looking Glass B6 and later recommend keeping it as the guest's fallback display.</summary>
    Vga,

    /// <summary>No emulated adapter (what Looking Glass documentation up to B5 said).</summary>
    None,
}
