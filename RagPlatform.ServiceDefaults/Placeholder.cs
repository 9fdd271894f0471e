namespace RagPlatform.ServiceDefaults; public static class Placeholder {}
