from . import MO, PO, read_po, write_mo

write_mo(read_po(PO), MO)
print(f"{MO} written")
