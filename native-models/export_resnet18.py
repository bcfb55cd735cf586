"""Export torchvision's ImageNet ResNet-18 (IMAGENET1K_V1) to ONNX for DLRN Studio.

Outputs, as native-models/resnet18.json expects:
  features [N, 512]        flatten(avgpool(layer4)): the penultimate layer (the study's deep features)
  layer4   [N, 512, 7, 7]  last residual stage (class-activation maps)
  logits   [N, 1000]       ImageNet classes (unused; kept so the export is the whole network)
Input 'input' [N, 3, 224, 224], RGB in [0, 1] normalised with the ImageNet mean/std, batch dimension free.

Needs PyTorch and torchvision (downloads the weights on first use). Not run in DLRN Studio's CI, which has
neither; run it on a machine with internet access:
    python native-models/export_resnet18.py resnet18.onnx
    dlrn models add resnet18 resnet18.onnx
"""
import sys

import torch
import torchvision


class ResNet18Taps(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1).eval()

    def forward(self, x):
        n = self.net
        x = n.maxpool(n.relu(n.bn1(n.conv1(x))))
        layer4 = n.layer4(n.layer3(n.layer2(n.layer1(x))))
        features = torch.flatten(n.avgpool(layer4), 1)
        return features, layer4, n.fc(features)


def main(out):
    model = ResNet18Taps().eval()
    batch = {0: "N"}
    torch.onnx.export(
        model,
        torch.zeros(1, 3, 224, 224),
        out,
        input_names=["input"],
        output_names=["features", "layer4", "logits"],
        dynamic_axes={"input": batch, "features": batch, "layer4": batch, "logits": batch},
        opset_version=17,
        do_constant_folding=True,
    )
    print(f"wrote {out}; register it with: dlrn models add resnet18 {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "resnet18.onnx")
