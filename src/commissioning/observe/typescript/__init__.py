"""Static facts from TypeScript/JavaScript sources: parsing, module and export resolution."""
