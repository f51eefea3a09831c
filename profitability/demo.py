"""The demo workshops' profitability model: a year of order lines from small CSV files in
``demo_data/<language>/``, imported like an upload, so settings and what-if work on it."""

from pathlib import Path

from .engine import find_model_files
from .services import UploadedFile, import_model

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
MODEL_NAMES = {"fi": "Asiakaskannattavuus 2024", "en": "Customer profitability 2024"}


def load_demo(*, workshop, by) -> None:
    folder = DEMO_DATA / workshop.language
    if not folder.is_dir():
        return
    files = {name: UploadedFile(path.name, path) for name, path in find_model_files(folder).items()}
    import_model(
        workshop=workshop, files=files, by=by, groups=10, name=MODEL_NAMES[workshop.language]
    )
