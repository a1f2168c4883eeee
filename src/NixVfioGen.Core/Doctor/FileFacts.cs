namespace NixVfioGen.Doctor;

/// <summary>A file's mode, size and owner, as stat reports them; owner and group are names, null when unknown.</summary>
public sealed record FileFacts(UnixFileMode Mode, long Size, string? Owner = null, string? Group = null);
